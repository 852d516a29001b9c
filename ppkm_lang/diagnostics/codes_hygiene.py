"""Diagnostic codes (see registry.py for the ranges)."""
from ppkm_lang.diagnostics.model import Severity
from ppkm_lang.diagnostics.registry import define


UNKNOWN_CITATION_TARGET = define("PPK501", "unknown-citation-target", "citation", Severity.ERROR,
                                 "A citation names an instrument, diktum, huruf or angka that the instrument's declared structure lacks.",
                                 why="A citation that points nowhere cannot be checked by a reader, and usually means a wrong letter.",
                                 example='rule r { ... cite inmendagri_23_2021 KESEBELAS z "..." }   # KESEBELAS has no huruf z',
                                 fix="Cite by the original lettering; if the structure is incomplete, add the part to `structure`.")
BROKEN_REFERENCE = define("PPK502", "broken-reference", "reference", Severity.WARNING,
                          "A cross-reference in the source text points at a diktum or part that does not exist.",
                          why="The source cannot be applied as written where it refers to nothing; readers must be told.",
                          example="reference r { at i KEDUA \"... Diktum KEDUAPULUHDUA ...\" to i KEDUAPULUHDUA }",
                          fix="Keep the reference as the source writes it and document the defect; decide its meaning in an "
                              "interpretation.")
MISSING_CITATION = define("PPK503", "missing-citation", "citation", Severity.ERROR,
                          "A rule or table row cites no provision.",
                          why="Every rule must say which diktum, huruf and angka it encodes, so it can be checked against the law.",
                          example="rule r { when zona == merah then batas_kerumunan = 3 }",
                          fix='Add `cite INSTRUMENT DIKTUM huruf.angka "quoted sentence"`.')
REFERENCE_MISMATCH = define("PPK504", "reference-mismatch", "reference", Severity.WARNING,
                            "A cross-reference in the source points at a diktum other than the one that defines what it refers to.",
                            why="The source's own pointer is wrong (often copied from an earlier instruction); a reader following it "
                                "lands on the wrong provision.",
                            example="reference r { at i KELIMABELAS \"... parameter ... Diktum KETIGABELAS\" to i KETIGABELAS "
                                    "concerning memenuhi_cakupan }   # the parameters are in KEEMPATBELAS",
                            fix="Keep the reference as written (it documents the source's defect); the warning is the record of it.")
DUPLICATE_DIKTUM = define("PPK505", "duplicate-diktum", "citation", Severity.WARNING,
                          "An instrument's structure has two parts with the same label.",
                          why="Two diktum (or huruf) with one label make every citation of that label ambiguous.",
                          example="structure { KEDUAPULUHTIGA { a b c } KEDUAPULUHTIGA }",
                          fix="Record the structure as the source has it; explain how citations resolve in an interpretation.")
UNUSED_DECLARATION = define("PPK506", "unused-declaration", "hygiene", Severity.WARNING,
                            "A fact is tested by no rule, or a measure is decided by no rule.",
                            why="Unused vocabulary usually means a rule was forgotten or a name misspelt. Only the "
                            "declarations of the files named on the command line are reported: a vocabulary that is "
                            "only imported may serve instruments this check does not read.",
                            example="measure jam_tutup: time   # no rule gives jam_tutup a value",
                            fix="Write the missing rule or remove the declaration.")
DUPLICATE_RULE = define("PPK507", "duplicate-rule", "hygiene", Severity.WARNING,
                        "Two rules of one instrument have the same condition and give the same values.",
                        why="A duplicate doubles maintenance and hides which provision is the real source.",
                        example="rule a { when zona == merah then m = 3 ... }\nrule b { when zona == merah then m = 3 ... }",
                        fix="Keep one rule and cite both provisions on it.")
MISSING_CITATION_TEXT = define("PPK508", "missing-citation-text", "citation", Severity.WARNING,
                               "A rule's citations do not quote the source sentence the rule encodes.",
                               why="The quoted sentence lets a reader check the encoding without opening the instrument.",
                               example="rule r { ... cite inmendagri_23_2021 KESEBELAS d }",
                               fix='Add the sentence in quotes: `cite inmendagri_23_2021 KESEBELAS d.1 "makan/minum di tempat ..."`.')
NUMBERING_GAP = define("PPK510", "numbering-gap", "citation", Severity.WARNING,
                       "An instrument's structure skips a label in a diktum, huruf or angka sequence.",
                       why="A skipped label (KEDUAPULUHSATU followed by KEDUAPULUHTIGA) is either a defect of the source, "
                           "which readers must be told of, or a typing error in the structure that makes citations fail.",
                       example="structure { KESATU { a b d } KEDUA KEEMPAT }   # no huruf c, no Diktum KETIGA",
                       fix="Add the label if the structure was mistyped; if the source skips it, keep the structure as the "
                           "source has it and document the defect: the warning is the record of it.")
UNUSED_ALLOW = define("PPK509", "unused-allow", "hygiene", Severity.WARNING,
                      "An `allow` suppresses nothing.",
                      why="A stale suppression would silently hide a future finding of the same code.",
                      example='allow PPK301 on rule_without_conflict "..."',
                      fix="Remove the `allow`, or correct its code or target.")
UNKNOWN_REGION = define("PPK511", "unknown-region", "region", Severity.ERROR,
                        "A region name is not a kab/kota of the gazetteer (the 2020 list shipped with ppkm, or the one configured).",
                        why="A misspelt region silently falls out of every rule that lists it.",
                        example='regionset s { "Kota Buktitinggi" }   # the official name is KOTA BUKITTINGGI',
                        fix='Resolve the source\'s spelling explicitly: `"Kota Buktitinggi" = "KOTA BUKITTINGGI" per INTERPRETATION`.')
REGION_SPELLING = define("PPK512", "region-spelling", "region", Severity.WARNING,
                         "The source spells a region differently from the gazetteer; the policy resolves it explicitly.",
                         why="This is a defect of the source text, kept visible so the resolution can be reviewed.",
                         example='regionset s { "Kota Buktitinggi" = "KOTA BUKITTINGGI" per ejaan_bukittinggi }',
                         fix="Nothing to fix in the policy: the warning documents the source's spelling.")
REGION_SPELT_TWO_WAYS = define("PPK513", "region-spelt-two-ways", "region", Severity.WARNING,
                               "One region is written in two different ways in the source.",
                               why="Two spellings suggest two regions; a reader must know they are the same.",
                               example='"Kota Palangkaraya" ... "KOTA PALANGKA RAYA"',
                               fix="Keep both spellings as written; the warning records that they are one region.")
NO_GAZETTEER = define("PPK514", "no-gazetteer", "region", Severity.INFO,
                      "Region names could not be checked because the policy was loaded without any gazetteer.",
                      why="Without the official list, a misspelt kab/kota goes unnoticed.",
                      example="ppkm_lang.checker.check(['policies/'], gazetteer=False)   # the command line always has one",
                      fix="Load with a gazetteer: leave `gazetteer` unset for the shipped 2020 list, or give a directory.")
OVERLAPPING_IN_FORCE = define("PPK521", "overlapping-in-force", "temporal", Severity.WARNING,
                              "Two instruments are in force on the same days and neither revokes or extends the other.",
                              why="On the overlapping days two sets of rules apply; the relation between them must be explicit.",
                              example="instrument a { in_force 2021-07-21 to 2021-07-25 }\ninstrument b { in_force 2021-07-25 to 2021-08-02 }",
                              fix="Add `revokes` or `extends`, or correct a period.")
EXAMPLE_OUTSIDE_PERIOD = define("PPK522", "example-outside-period", "temporal", Severity.WARNING,
                                "An example is dated on a day its instrument is not in force, yet expects values.",
                                why="The example cannot test the rules it means to test.",
                                example="example e { at 2021-07-26 given ... expect ... }   # in force until 2021-07-25",
                                fix="Date it inside the period, or state `expect no_instrument`.")
REVOKED_STILL_REFERENCED = define("PPK523", "revoked-still-referenced", "temporal", Severity.WARNING,
                                  "A rule cites an instrument that was revoked before the rule's own instrument came into force.",
                                  why="A revoked instruction is no longer law; citing it as the basis of a rule is misleading.",
                                  example="rule r { ... cite inmendagri_06_2021 ... }   # revoked by 07/2021",
                                  fix="Cite the instrument in force.")
PROVINCE_NEEDS_GAZETTEER = define("PPK515", "province-needs-gazetteer", "region", Severity.WARNING,
                                  "A region set names a whole province, which cannot be expanded without a gazetteer.",
                                  why="Without the official list the set has none of the province's kab/kota, so rules that test it "
                                      "never apply there.",
                                  example='regionset jawa_barat { province "JAWA BARAT" }   # loaded with gazetteer=False',
                                  fix="Load with a gazetteer: leave `gazetteer` unset for the shipped 2020 list, or give a directory.")
BIDI_CONTROL = define("PPK530", "bidi-control", "hygiene", Severity.WARNING,
                      "Policy text holds an invisible bidirectional control character (U+202A-U+202E, U+2066-U+2069, "
                      "U+200E, U+200F, U+061C).",
                      why="These characters reorder how the text around them is displayed: a quoted sentence or a "
                          "name can read differently on screen, in a review or on the documentation site than what "
                          "the file says (the \"Trojan Source\" attack).",
                      example='rule r "kapasitas <U+202E>%05" { ... }   # the character itself, not the text <U+202E>',
                      fix="Delete the character; Indonesian instruments need none. Where a quoted source really holds one, "
                          "write the sentence without it and say so in an `interpretation`.")
MISSING_LABEL = define("PPK540", "missing-label", "hygiene", Severity.WARNING,
                       "A labelled policy leaves a fact, enum member, measure or instrument without its Indonesian or English label.",
                       why="Readers of the site and of `ppkm eval` see labels instead of identifiers; an item without one "
                           "shows its identifier (`ppkm_level_4_jawa_bali`) among plain words. Policies that label nothing "
                           "are not checked.",
                       example='fact kegiatan: enum { ibadah label id "ibadah" en "worship", olahraga }   # olahraga has none',
                       fix='Add `label id "..." en "..."` to the item (after its description).')
UNKNOWN_LABEL_LANGUAGE = define("PPK541", "unknown-label-language", "hygiene", Severity.WARNING,
                                "A label is given for a language other than `id` (Indonesian) and `en` (English), or twice for one.",
                                why="The site and the command line speak Indonesian and English only; a label under another "
                                    "code (often a typo such as `ind`) is never shown.",
                                example='fact zona: enum { merah } label ind "Zona"',
                                fix="Write the label under `id` or `en`, once each.")

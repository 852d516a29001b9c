"""The words of the generated pages, in Indonesian (the site's first language) and English.

Policy text (titles, quoted law, docs) is never translated: it is shown as written.
"""

from __future__ import annotations

import datetime as dt

LANGS = ("id", "en")

_MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}

_S: dict[str, tuple[str, str]] = {
    # navigation and page titles
    "home": ("Beranda", "Home"),
    "instruments": ("Instrumen", "Instruments"),
    "interpretations": ("Tafsiran", "Interpretations"),
    "vocabulary": ("Kosakata", "Vocabulary"),
    "applies": ("Apa berlaku di mana", "What applies where"),
    "regions": ("Kabupaten/kota", "Regencies and cities"),
    "timeline": ("Linimasa", "Timeline"),
    "findings": ("Temuan pemeriksaan", "Checker findings"),
    "cek": ("Cek aturan", "Check the rules"),
    "reference": ("Referensi", "Reference"),
    "language_ref": ("Bahasa ppkm", "The ppkm language"),
    "cli_ref": ("Perintah ppkm", "The ppkm command"),
    "codes": ("Kode diagnostik", "Diagnostic codes"),
    "other_language": ("English", "Bahasa Indonesia"),
    # instruments
    "number": ("Nomor", "Number"),
    "signed": ("Ditandatangani", "Signed"),
    "in_force": ("Berlaku", "In force"),
    "effective": ("Berlaku efektif", "Effectively in force"),
    "not_in_force": ("tidak pernah berlaku (dicabut sebelum mulai)", "never in force (revoked before it starts)"),
    "revokes": ("Mencabut", "Revokes"),
    "revoked_by": ("Dicabut oleh", "Revoked by"),
    "extends": ("Memperpanjang", "Extends"),
    "extended_by": ("Diperpanjang oleh", "Extended by"),
    "external": ("dirujuk, tidak dikodekan", "referred to, not encoded"),
    "rules_count": ("Aturan", "Rules"),
    "period_to": ("s.d.", "to"),
    "diktum": ("Diktum", "Diktum"),
    "source_text": ("Teks sumber", "Source text"),
    "summary": ("Ringkasan", "Summary"),
    "encoded_as": ("Dikodekan sebagai", "Encoded as"),
    "no_quote": ("(aturan tidak mengutip teks sumber)", "(the rule quotes no source text)"),
    "uncited_parts": ("Bagian yang tidak dirujuk aturan mana pun", "Parts no rule cites"),
    "diktum_not_encoded": ("Tidak ada aturan yang merujuk diktum ini.", "No rule cites this diktum."),
    "rule": ("Aturan", "Rule"),
    "table": ("Tabel", "Table"),
    "no_structure": ("Struktur diktum tidak dicatat; aturan menurut diktum yang dirujuk:",
                     "The diktum structure is not recorded; rules by the diktum they cite:"),
    "table_rows": ("Baris tabel", "Table rows"),
    "row": ("Baris", "Row"),
    "cite": ("Dasar", "Basis"),
    "value": ("Nilai", "Value"),
    "per": ("Menurut tafsiran", "Per interpretation"),
    "overrides": ("Mengesampingkan", "Overrides"),
    "applied": ("Diberlakukan oleh {by}: aturan {rule}, dengan {facts}",
                "Applied by {by}: rule {rule}, with {facts}"),
    "question": ("Pertanyaan", "Question"),
    "decision": ("Keputusan", "Decision"),
    "reason": ("Alasan", "Reason"),
    "used_by": ("Dipakai oleh", "Used by"),
    "unused": ("tidak dipakai aturan mana pun", "used by no rule"),
    "examples": ("Contoh", "Examples"),
    "given": ("Diketahui", "Given"),
    "expect": ("Hasil yang diharapkan", "Expected"),
    "expect_undetermined": ("tidak ditentukan", "undetermined"),
    "expect_none": ("tidak ada instrumen yang berlaku", "no instrument in force"),
    "regionsets": ("Daftar wilayah", "Region lists"),
    "members": ("Anggota", "Members"),
    "spelling": ("Ejaan sumber", "Source spelling"),
    "official": ("nama resmi", "official name"),
    "coverage": ("Cakupan yang diwajibkan", "Required coverage"),
    # vocabulary
    "facts": ("Fakta (masukan)", "Facts (inputs)"),
    "measures": ("Ketentuan (keluaran)", "Measures (outputs)"),
    "name": ("Nama", "Name"),
    "type": ("Jenis", "Type"),
    "description": ("Keterangan", "Description"),
    "derived": ("dapat dihitung oleh aturan", "may be decided by rules"),
    # matrices and regions
    "matrix_intro": ("Setiap sel adalah hasil evaluasi kebijakan pada hari pertama instrumen berlaku, dengan "
                     "hanya dua fakta itu yang diketahui, ditambah anggapan yang disebut di atas tabel. Fakta "
                     "lain tidak diketahui, sehingga aturan yang menguji fakta lain tidak berlaku di sini; "
                     "Cek aturan menjawab untuk fakta yang lengkap.",
                     "Each cell is the policy evaluated on the instrument's first day in force with only those "
                     "two facts known, plus the assumptions stated above the table. Other facts are unknown, so "
                     "rules that test them do not apply here; Check the rules answers for complete facts."),
    "matrix_on": ("Dievaluasi pada", "Evaluated on"),
    "nothing": ("—", "—"),
    "yes": ("ya", "yes"),
    "everywhere": ("Sama di setiap sel", "The same in every cell"),
    "assuming": ("Dengan anggapan (syarat aturan-aturan tabel ini)", "Assuming (what the rules of this table require)"),
    "no_measure_rows": ("Tanpa ketentuan lain di tabel ini", "Nothing else applies in this table to"),
    "conflict": ("konflik", "conflict"),
    "strict_legend": ("Warna sel: seberapa ketat ketentuannya (dari nilai ketentuan, bukan dari kolomnya; "
                      "teks sel tetap menyatakannya)",
                      "Cell colours: how strict the provisions are (from their values, not from the column; "
                      "the text of each cell says the same)"),
    "strict_4": ("ditutup, ditiadakan atau kegiatan dilarang; 0% di lokasi; semua bekerja dari rumah",
                 "closed, suspended or activities forbidden; 0% on site; everyone works from home"),
    "strict_3": ("hanya daring, pesan antar, atau tanpa berjamaah; paling banyak 25%; sampai pukul 18.00 atau lebih awal",
                 "online, delivery or no congregations only; at most 25%; until 18:00 or earlier"),
    "strict_2": ("dibatasi, ditutup proporsional, dibuka bertahap, atau daring dan tatap muka; paling banyak 50%; "
                 "sampai pukul 21.00 atau lebih awal",
                 "restricted, closed proportionally, opened in stages, or online and in person; at most 50%; "
                 "until 21:00 or earlier"),
    "strict_1": ("paling banyak 75%; batas jam yang lebih larut", "at most 75%; a later closing time"),
    "strict_0": ("boleh, lebih dari 75%", "allowed, more than 75%"),
    "strict_none": ("tidak dinilai (tidak ada kapasitas, jam atau status, atau ada konflik)",
                    "not graded (no capacity, hours or status, or a conflict)"),
    "strict_step": ("tingkat ketat", "strictness"),
    "no_matrix": ("Kebijakan tidak mempunyai fakta enum berurutan untuk dijadikan kolom.",
                  "The policy has no ordered enum fact to use as columns."),
    "region_intro": ("Kabupaten/kota yang disebut dalam instrumen.", "The regencies and cities the instruments name."),
    "province": ("Provinsi", "Province"),
    "listed_in": ("Tercantum dalam", "Listed in"),
    "status_here": ("Status dan ketentuan umum", "Status and general measures"),
    "applies_here": ("Yang berlaku per kegiatan", "What applies per activity"),
    "levels_title": ("Level per kab/kota", "Level per regency/city"),
    "levels_intro": ("Yang ditentukan aturan untuk setiap kab/kota pada hari pertama tiap instrumen, diwarnai "
                     "dari yang paling longgar (hijau) sampai yang paling ketat (merah). * bergantung pada fakta lain.",
                     "What the rules decide for each regency/city on each instrument's first day, coloured from "
                     "the least (green) to the most restrictive (red). * depends on another fact."),
    "all_provinces": ("Semua provinsi", "All provinces"),
    "named_in_rules": ("Disebut langsung dalam aturan", "Named directly in rules"),
    "check_here": ("Buka di Cek aturan", "Open in Check the rules"),
    # timeline
    "timeline_intro": ("Masa berlaku setiap instrumen setelah pencabutan.",
                       "Each instrument's period in force, after revocations."),
    "from": ("Mulai", "From"),
    "until": ("Sampai", "Until"),
    "days": ("hari", "days"),
    # findings
    "findings_intro": ("Temuan `ppkm check` atas kebijakan yang diterbitkan, termasuk cacat pada teks "
                       "sumber yang dicatat dan dibiarkan sebagaimana adanya.",
                       "What `ppkm check` finds in the published policies, including defects of the source "
                       "texts, which are recorded and left as they are."),
    "no_findings": ("Tidak ada temuan.", "No findings."),
    "errors": ("Galat", "Errors"),
    "warnings": ("Peringatan", "Warnings"),
    "infos": ("Informasi", "Information"),
    "where": ("Lokasi", "Location"),
    "witness": ("Saksi (nilai fakta yang menunjukkannya)", "Witness (fact values that show it)"),
    "help": ("Saran", "Help"),
    "related": ("Terkait", "Related"),
    "suppressed": ("Temuan yang sengaja dibiarkan (`allow`)", "Findings deliberately allowed (`allow`)"),
    "code": ("Kode", "Code"),
    "target": ("Sasaran", "Target"),
    # cek page
    "cek_intro": ("Pilih tanggal dan isi fakta yang diketahui (misalnya kab/kota, zona atau level, dan "
                  "kegiatan). Ketentuan yang berlaku tampil beserta aturan dan kutipan dasarnya. Evaluasi "
                  "berjalan sepenuhnya di peramban, dari ekspor kebijakan yang sama dengan yang diperiksa.",
                  "Pick a date and fill in the facts you know (for instance the regency or city, the zone "
                  "or level, and the activity). The measures that apply are shown with their rules and the "
                  "quoted basis. The evaluation runs entirely in the browser, from an export of the same "
                  "policy that is checked."),
    "cek_noscript": ("Halaman ini memerlukan JavaScript.", "This page needs JavaScript."),
    # reference
    "english_only": ("Halaman ini dalam bahasa Inggris.", "This page is in English."),
    "severity": ("Tingkat", "Severity"),
    "kind": ("Jenis", "Kind"),
    "why": ("Mengapa penting", "Why it matters"),
    "example": ("Contoh", "Example"),
    "fix": ("Perbaikan", "Fix"),
    "codes_intro": ("Setiap temuan `ppkm check` mempunyai kode tetap.",
                    "Every `ppkm check` finding has a stable code."),
    "cli_intro": ("Bantuan setiap perintah, sebagaimana dicetak oleh `ppkm VERB --help`, dengan keterangannya "
                  "dalam bahasa Indonesia (perintahnya sendiri mencetak bahasa Inggris); opsi dan nilainya "
                  "ditulis seperti diketik.",
                  "The help of each verb, as printed by `ppkm VERB --help`."),
}


class Words:
    """`w("instruments")` -> the word in this language."""

    def __init__(self, lang: str):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._i = LANGS.index(lang)

    def __call__(self, key: str) -> str:
        return _S[key][self._i]

    def date(self, d: dt.date | None) -> str:
        if d is None:
            return "?"
        return f"{d.day} {_MONTHS[self.lang][d.month - 1]} {d.year}"

    def period(self, a: dt.date | None, b: dt.date | None) -> str:
        return f"{self.date(a)} {self('period_to')} {self.date(b)}"

"""The Indonesian texts of the diagnostic codes, for the Indonesian site.

The registry (`ppkm_lang/diagnostics/codes_*.py`) holds each code's English summary, why and
fix; these are the same texts in Indonesian. Names, keywords and command lines stay in
backticks as they are written; the examples are code and are shown as the registry has them.
A test fails when a registered code has no Indonesian text here.
"""

from __future__ import annotations

from ppkm_lang.diagnostics import codes

FIELDS = ("summary", "why", "fix")

# The registry's severities and kinds, as the Indonesian pages name them.
SEVERITIES = {"error": "galat", "warning": "peringatan", "info": "informasi"}
KINDS = {
    "assertion": "asersi", "citation": "rujukan", "config": "konfigurasi", "conflict": "konflik",
    "dead": "aturan mati", "gap": "celah", "hygiene": "kerapian", "input": "masukan", "limit": "batas analisis",
    "name": "nama", "output": "keluaran", "reference": "rujukan silang", "region": "wilayah", "syntax": "sintaks",
    "temporal": "masa berlaku", "test": "pengujian", "type": "jenis",
}


def text(code, field: str, lang: str) -> str:
    """A code's `field` (summary, why or fix) in `lang`. A code not yet translated shows its
    English text rather than failing the build; a test keeps every code translated."""
    english = getattr(code, field)
    if lang != "id":
        return english
    return TEXTS.get(code.code, {}).get(field) or english


def severity(code, lang: str) -> str:
    value = code.severity.value
    return SEVERITIES.get(value, value) if lang == "id" else value


def kind(code, lang: str) -> str:
    return KINDS.get(code.kind, code.kind) if lang == "id" else code.kind


def _t(summary: str, why: str, fix: str) -> dict[str, str]:
    return {"summary": summary, "why": why, "fix": fix}


TEXTS: dict[str, dict[str, str]] = {
    # 1xx: syntax, files and output
    codes.SYNTAX_ERROR.code: _t(
        "Teks tidak mengikuti tata bahasa ppkm.",
        "Isi berkas yang mengandung galat sintaks sama sekali tidak dapat diperiksa maupun dievaluasi.",
        "Tulis apa yang menurut pesan diharapkan pada tanda sisipan (^); lihat referensi bahasa."),
    codes.UNREADABLE_FILE.code: _t(
        "Berkas atau direktori kebijakan tidak dapat dibaca: tidak ada, tidak dapat dibaca, bukan berkas "
        "biasa, terlalu besar, atau bukan teks UTF-8.",
        "Berkas yang tidak dapat dibaca membuat aturannya hilang dari kebijakan tanpa pemberitahuan.",
        "Periksa jalurnya, dan simpan berkas sebagai teks UTF-8."),
    codes.IMPORT_NOT_FOUND.code: _t(
        "Sebuah `import` menyebut modul yang tidak mempunyai berkas `.ppkm` di samping berkas yang mengimpornya.",
        "Semua fakta dan ketentuan dari modul yang tidak ada itu akan menjadi nama yang tidak dikenal.",
        "Sebut modul dengan nama berkasnya tanpa `.ppkm`, di direktori yang sama."),
    codes.TOO_DEEPLY_NESTED.code: _t(
        "Tanda kurung bersarang lebih dalam daripada yang diizinkan bahasa.",
        "Syarat yang bersarang terlalu dalam sulit dibaca, dan ditolak agar pemeriksaan tetap cepat dan aman.",
        "Pecah syarat menjadi beberapa aturan, atau beri nama pada himpunan yang diujinya."),
    codes.FORMAT_REFUSED.code: _t(
        "Pemformat akan mengubah makna sebuah berkas, sehingga berkas dibiarkan sebagaimana adanya.",
        "Pemformatan hanya boleh mengubah spasi; berkas yang tidak dapat diformat dengan aman dibiarkan utuh.",
        "Laporkan berkas tersebut; sementara itu, format berkas secara manual."),
    codes.OUTSIDE_ROOT.code: _t(
        "Sebuah impor atau berkas yang ditemukan di dalam direktori, melalui tautan simbolik, mengarah ke luar "
        "berkas dan direktori yang disebut pada baris perintah, sehingga tidak dibaca.",
        "Folder kebijakan dapat berisi tautan ke berkas mana pun di mesin (`vocab.ppkm -> /etc/passwd`); "
        "membacanya berarti mengutip berkas itu dalam diagnostik dan memeriksa teks yang tidak diminta siapa pun.",
        "Salin modul ke folder kebijakan, atau sebut juga folder yang memuatnya pada baris perintah "
        "(`ppkm check policies/ ../shared/`)."),
    codes.OUTPUT_NOT_REPLACEABLE.code: _t(
        "Direktori keluaran `ppkm docs` berisi berkas yang tidak ditulis oleh alat ini, sehingga direktori "
        "dibiarkan sebagaimana adanya.",
        "Pembangunan situs mengganti seluruh direktori; isi lainnya (catatan, data, situs yang dibuat secara "
        "manual) akan hilang.",
        "Berikan direktori baru atau kosong, atau direktori yang dibangun oleh `ppkm docs` sebelumnya (berisi "
        "berkas penanda `.ppkm-site`); pindahkan berkas lain terlebih dahulu jika direktori itu memang untuk situs."),
    codes.UNUSABLE_OUTPUT_PATH.code: _t(
        "Jalur keluaran tidak dapat ditulis: foldernya tidak ada, atau jalur itu menunjuk direktori padahal "
        "yang diperlukan berkas (atau berkas padahal yang diperlukan direktori).",
        "Penulisan akan gagal di tengah jalan, setelah semua pekerjaan selesai; karena itu jalur diperiksa "
        "lebih dahulu dan tidak ada yang ditulis.",
        "Buat foldernya terlebih dahulu (`mkdir -p reports`), atau berikan jalur ke berkas (untuk `--output`) "
        "atau ke direktori (untuk `ppkm docs --out`)."),
    # 2xx: names and types
    codes.UNKNOWN_NAME.code: _t(
        "Sebuah nama tidak merujuk fakta, ketentuan, aturan, tabel, himpunan wilayah, atau tafsiran mana pun "
        "yang dideklarasikan.",
        "Nama yang salah eja dapat membuat syarat atau nilai diam-diam tidak bermakna apa pun.",
        "Gunakan nama yang dideklarasikan (petunjuk menyarankan nama yang paling mirip) atau deklarasikan nama itu."),
    codes.DUPLICATE_DEFINITION.code: _t(
        "Sebuah nama dideklarasikan dua kali (semua deklarasi berbagi satu ruang nama), atau sebuah enum "
        "mencantumkan satu anggota dua kali.",
        "Dengan dua definisi, tidak jelas definisi mana yang dimaksud oleh aturan.",
        "Ganti nama salah satunya, atau hapus pengulangannya."),
    codes.TYPE_MISMATCH.code: _t(
        "Sebuah nilai atau perbandingan tidak sesuai dengan jenis atau satuan fakta atau ketentuannya.",
        "Persentase, jam, jumlah, dan tanggal adalah satuan yang berbeda; mencampurnya adalah kesalahan penyusunan.",
        "Tulis nilai dalam satuan deklarasinya (`25%`, `17:00`, `2021-07-21`, `3`)."),
    codes.UNKNOWN_ENUM_VALUE.code: _t(
        "Sebuah nilai bukan anggota enum fakta atau ketentuannya.",
        "Anggota yang salah eja membuat aturan tidak pernah berlaku, atau memberikan jawaban yang tidak dapat "
        "dibaca siapa pun.",
        "Gunakan salah satu anggota yang tercantum dalam petunjuk, atau tambahkan anggota itu ke enum."),
    codes.VALUE_OUT_OF_RANGE.code: _t(
        "Sebuah angka berada di luar rentang yang dideklarasikan untuk fakta atau ketentuannya, atau sebuah "
        "interval atau rentang waktu kosong, terbalik, atau dinyatakan `overnight` padahal tidak melewati "
        "tengah malam.",
        "Nilai yang tidak mungkin diambil oleh masukan mana pun menyembunyikan kesalahan pada batas atau pada "
        "deklarasi; rentang waktu yang terbalik (22:00 sampai 02:00) hanya melewati tengah malam jika "
        "dinyatakan demikian.",
        "Perbaiki nilainya atau perluas rentang yang dideklarasikan; tulis rentang waktu yang melewati tengah "
        "malam sebagai `jam in [22:00, 02:00] overnight`."),
    codes.WRONG_TARGET.code: _t(
        "Sebuah aturan memberi nilai kepada fakta masukan, atau sebuah syarat menguji ketentuan.",
        "Masukan diberikan oleh pengguna dan keluaran ditetapkan oleh aturan; mencampur keduanya "
        "menyembunyikan logika yang melingkar.",
        "Deklarasikan fakta sebagai `derived` jika ditetapkan oleh aturan; dalam syarat, ujilah fakta, bukan "
        "ketentuan."),
    codes.TABLE_SHAPE.code: _t(
        "Sebuah baris tabel tidak mempunyai satu sel untuk setiap masukan dan satu nilai untuk setiap keluaran.",
        "Baris yang tidak sejajar akan menguji fakta yang salah atau memberi nilai kepada ketentuan yang salah.",
        "Tulis satu sel untuk setiap masukan (`-` untuk nilai apa pun) dan satu nilai untuk setiap keluaran."),
    codes.INVALID_LITERAL.code: _t(
        "Sebuah tanggal atau jam tidak ada, atau sebuah periode berakhir sebelum dimulai.",
        "Tanggal yang mustahil membuat masa berlaku dan contoh tidak bermakna.",
        "Tulis tanggal kalender yang sebenarnya (YYYY-MM-DD) atau jam yang sebenarnya (00:00 sampai 24:00)."),
    codes.MISPLACED_DECLARATION.code: _t(
        "Sebuah berkas mendeklarasikan lebih dari satu instrumen.",
        "Aturan termasuk dalam instrumen berkasnya; jika ada dua instrumen, tidak jelas pemilik setiap aturan.",
        "Tempatkan setiap instrumen beserta aturannya dalam berkasnya sendiri; bagikan kosakata melalui `import`."),
    codes.MISSING_FIELD.code: _t(
        "Sebuah deklarasi tidak mempunyai isian yang diperlukannya (`then` pada aturan, `at` pada contoh, "
        "masa berlaku pada instrumen, dan sebagainya).",
        "Tanpa isian itu deklarasi tidak dapat dievaluasi maupun diperiksa.",
        "Tambahkan isian yang disebut dalam pesan."),
    codes.INVALID_OPERATOR.code: _t(
        "Sebuah operator tidak berlaku untuk jenis fakta yang diujinya.",
        "`<` pada enum yang tidak berurutan atau interval pada nama tidak mempunyai makna.",
        "Gunakan `==`, `!=`, `in` untuk enum dan wilayah; interval dan `<` untuk angka, jam, dan tanggal; "
        "deklarasikan enum sebagai `ordered` untuk membandingkan anggotanya."),
    codes.DUPLICATE_FIELD.code: _t(
        "Sebuah isian yang hanya boleh muncul sekali ditulis dua kali dalam satu deklarasi.",
        "Dua baris `when` atau dua baris `hit` membuat tidak jelas mana yang berlaku.",
        "Gabungkan syarat-syaratnya dengan `and`, atau hapus salah satu isian."),
    codes.DERIVATION_CYCLE.code: _t(
        "Fakta turunan saling bergantung secara melingkar: aturan yang menurunkan `a` menguji `b`, dan aturan "
        "yang menurunkan `b` menguji `a`.",
        "Evaluator menetapkan fakta turunan satu demi satu; dalam lingkaran, salah satunya dibaca sebelum "
        "ditetapkan, sehingga jawabannya bergantung pada urutan deklarasi, bukan pada teks.",
        "Turunkan salah satu fakta hanya dari masukan, atau jadikan fakta itu fakta masukan yang diberikan "
        "dalam pertanyaan."),
    codes.APPLY_NOTHING.code: _t(
        "Sebuah aturan memberlakukan ketentuan yang tidak dikodekan oleh aturan mana pun, atau ketentuan yang "
        "tidak satu pun aturannya dapat terpenuhi dengan nilai pemberlakuannya.",
        "`apply inmendagri_x KESEBELAS as level = level_2` dimaksudkan untuk mengikutsertakan aturan; "
        "memberlakukan ketentuan yang kosong menyembunyikan diktum yang salah eja atau nilai yang salah.",
        "Rujuk diktum (dan huruf) yang aturannya dimaksud, atau sebut aturan atau tabelnya dengan nama."),
    codes.APPLY_CYCLE.code: _t(
        "Aturan-aturan saling memberlakukan ketentuan secara melingkar: `a` memberlakukan ketentuan yang "
        "memuat `b`, dan `b` memberlakukan ketentuan yang memuat `a`.",
        "Setiap pemberlakuan menyalin aturan pihak lainnya, sehingga aturannya tidak akan pernah lengkap.",
        "Berlakukan aturan dari ketentuan yang menyatakannya, bukan dari ketentuan yang memberlakukannya."),
    # 3xx: conflicts and dead rules
    codes.RULE_CONFLICT.code: _t(
        "Dua aturan sama-sama berlaku untuk fakta tertentu pada hari tertentu dan memberi satu ketentuan nilai "
        "yang berbeda, dan tidak ada yang didahulukan atas yang lain.",
        "Kebijakan memberi dua jawaban untuk satu pertanyaan; evaluator terpaksa memilih salah satunya secara "
        "sembarang, dan pembaca tidak dapat mengetahui mana yang dimaksud sumbernya.",
        "Jika satu aturan merupakan pengecualian dari aturan lainnya, nyatakan dengan `overrides`; jika tidak, "
        "buat syarat-syaratnya saling meniadakan. Saksi adalah kombinasi fakta tempat keduanya berlaku."),
    codes.TABLE_OVERLAP.code: _t(
        "Baris-baris tabel `unique` cocok dengan fakta yang sama, atau baris-baris tabel `any` cocok dengan "
        "fakta yang sama dan memberi keluaran yang berbeda.",
        "Aturan pemilihan baris tabel (hit policy) menjanjikan bahwa paling banyak satu baris (atau hanya "
        "baris-baris yang sepakat) yang "
        "menjawab; tumpang tindih melanggar janji itu, biasanya karena satu batas ditulis pada kedua sisi.",
        "Buat baris-barisnya saling meniadakan (periksa `<` terhadap `<=` pada batas bersama), atau gunakan "
        "`hit first` jika baris yang lebih awal memang dimaksudkan menang."),
    codes.SHADOWED_RULE.code: _t(
        "Sebuah aturan tidak pernah dapat menetapkan sasarannya: aturan yang didahulukan atasnya (termasuk "
        "baris-baris di atasnya dalam tabel `first`) berlaku di mana pun aturan itu berlaku.",
        "Aturan yang tidak pernah menetapkan apa pun adalah teks mati: aturan itu berlebih, atau sebuah "
        "`overrides` atau urutan baris menyembunyikan kasus yang menjadi tujuan penulisannya.",
        "Hapus aturan itu, atau ubah urutan baris / persempit `overrides` agar kasus yang khusus didahulukan."),
    codes.UNSATISFIABLE_CONDITION.code: _t(
        "Syarat `when` sebuah aturan tidak pernah dapat terpenuhi dalam jenis fakta yang dideklarasikan, atau "
        "instrumennya tidak pernah berlaku.",
        "Aturan yang tidak pernah dapat berlaku tidak menetapkan apa pun; biasanya ia menyembunyikan salah "
        "ketik pada batas atau nilai, atau instrumen yang dicabut sebelum mulai berlaku.",
        "Periksa nilai dan batas yang diuji terhadap deklarasi fakta, serta tanggal `in_force` dan pencabutan "
        "instrumennya."),
    codes.PARTITION_OVERLAP.code: _t(
        "Aturan-aturan yang menghitung sebuah fakta turunan tumpang tindih dengan nilai yang berbeda: partisi "
        "yang mendefinisikan fakta itu rusak.",
        "Fakta turunan seperti zona adalah sebuah penggolongan; satu kasus yang masuk dua golongan membuat "
        "setiap aturan yang menguji fakta itu bermakna ganda.",
        "Buat golongan-golongannya saling meniadakan pada batas bersamanya, sebagaimana ditarik oleh sumber."),
    # 4xx: gaps and assertions
    codes.COVERAGE_GAP.code: _t(
        "Di dalam cakupan yang dideklarasikan, pada hari instrumennya berlaku, ada kombinasi fakta yang tidak "
        "mendapat nilai untuk sebuah keluaran.",
        "Cakupan menyatakan bahwa sumber menjawab setiap kasus dalam ranahnya; celah adalah kasus yang dijawab "
        "pengodean dengan kosong, sering kali nilai batas yang terlewat oleh teks (`< 5%`, `> 5%`: "
        "bagaimana dengan tepat 5%?).",
        "Tambahkan aturan atau baris yang kurang; jika sumber sendiri membiarkan kasus itu terbuka, persempit "
        "`covers` dan catat pembacaannya dalam sebuah `interpretation`."),
    codes.PARTITION_HOLE.code: _t(
        "Di dalam cakupan yang dideklarasikan, ada kombinasi fakta yang tidak mendapat nilai untuk sebuah "
        "fakta turunan.",
        "Setiap aturan yang menguji fakta turunan itu (zona, level) diam untuk kasus-kasus yang tidak tercakup "
        "oleh penggolongannya.",
        "Tambahkan golongan yang kurang atau perluas golongan di sebelahnya, sesuai batas yang ditarik oleh sumber."),
    codes.ASSERTION_FAILED.code: _t(
        "Sebuah `assert` tidak terpenuhi untuk suatu kombinasi fakta yang semua ketentuannya mempunyai nilai.",
        "Asersi menyatakan sesuatu yang selalu benar menurut sumber (WFH + WFO = 100%); contoh penyangkal "
        "berarti sebuah aturan menyimpang dari sumber atau asersinya keliru.",
        "Baca saksinya: perbaiki aturan yang memberi nilai yang salah, atau asersinya."),
    codes.MONOTONICITY_BROKEN.code: _t(
        "Sebuah ketentuan `monotone` bergerak ke arah yang salah di antara dua kombinasi fakta yang hanya "
        "berbeda pada fakta `over`.",
        "Level atau zona yang lebih ketat tidak boleh melonggarkan pembatasan; pelanggaran biasanya berasal "
        "dari nilai yang tersalin atau aturan yang terpasang pada level yang salah.",
        "Bandingkan dua nilai dalam saksi dengan sumbernya dan perbaiki aturan yang menyimpang; persempit "
        "`monotone` dengan `when` jika sumbernya memang tidak monoton di situ."),
    codes.ANALYSIS_BOUNDED.code: _t(
        "Sebuah pemeriksaan berhenti pada batasnya: syarat yang terlalu besar untuk dijabarkan, atau pencarian "
        "yang melampaui anggarannya, sehingga pertanyaannya dibiarkan terbuka.",
        "Konflik, celah, dan aturan mati diputuskan secara eksak, dan sebagian syarat (`and` panjang dari "
        "beberapa `or`) membesar secara eksponensial jika dijabarkan. Daripada berjalan tanpa akhir atau "
        "menebak, `ppkm check` menyebut pertanyaan mana yang tidak diselesaikannya; tidak ada temuan yang "
        "dinyatakan maupun disangkal untuk pertanyaan itu.",
        "Pecah aturan menjadi aturan-aturan yang lebih kecil (satu untuk setiap kasus yang disebut sumber), atau "
        "beri nama pada bagian yang berulang sebagai fakta turunan; pemeriksaan kemudian berjalan penuh."),
    # 5xx: citations, regions, time and hygiene
    codes.UNKNOWN_CITATION_TARGET.code: _t(
        "Sebuah rujukan menyebut instrumen, diktum, huruf, atau angka yang tidak ada dalam struktur instrumen "
        "yang dideklarasikan.",
        "Rujukan yang tidak menunjuk ke mana pun tidak dapat diperiksa pembaca, dan biasanya berarti hurufnya salah.",
        "Rujuk menurut penomoran aslinya; jika strukturnya belum lengkap, tambahkan bagian itu ke `structure`."),
    codes.BROKEN_REFERENCE.code: _t(
        "Sebuah rujukan silang dalam teks sumber menunjuk diktum atau bagian yang tidak ada.",
        "Sumber tidak dapat diterapkan sebagaimana tertulis di tempat ia merujuk sesuatu yang tidak ada; "
        "pembaca harus diberi tahu.",
        "Biarkan rujukan sebagaimana ditulis sumbernya dan dokumentasikan cacatnya; tetapkan maknanya dalam "
        "sebuah tafsiran."),
    codes.MISSING_CITATION.code: _t(
        "Sebuah aturan atau baris tabel tidak merujuk ketentuan mana pun.",
        "Setiap aturan harus menyebut diktum, huruf, dan angka yang dikodekannya, agar dapat diperiksa terhadap "
        "peraturannya.",
        "Tambahkan `cite INSTRUMENT DIKTUM huruf.angka \"quoted sentence\"`."),
    codes.REFERENCE_MISMATCH.code: _t(
        "Sebuah rujukan silang dalam sumber menunjuk diktum yang bukan diktum yang mendefinisikan hal yang dirujuknya.",
        "Penunjuk dalam sumber itu sendiri keliru (sering tersalin dari instruksi sebelumnya); pembaca yang "
        "mengikutinya sampai pada ketentuan yang salah.",
        "Biarkan rujukan sebagaimana tertulis (rujukan itu mendokumentasikan cacat sumber); peringatan ini "
        "menjadi catatannya."),
    codes.DUPLICATE_DIKTUM.code: _t(
        "Struktur sebuah instrumen mempunyai dua bagian dengan label yang sama.",
        "Dua diktum (atau huruf) dengan satu label membuat setiap rujukan ke label itu bermakna ganda.",
        "Catat struktur sebagaimana adanya dalam sumber; jelaskan dalam sebuah tafsiran bagaimana rujukan "
        "diselesaikan."),
    codes.UNUSED_DECLARATION.code: _t(
        "Sebuah fakta tidak diuji oleh aturan mana pun, atau sebuah ketentuan tidak ditetapkan oleh aturan mana pun.",
        "Kosakata yang tidak dipakai biasanya berarti ada aturan yang terlupa atau nama yang salah eja. Hanya "
        "deklarasi dalam berkas yang disebut pada baris perintah yang dilaporkan: kosakata yang hanya diimpor "
        "mungkin melayani instrumen yang tidak dibaca oleh pemeriksaan ini.",
        "Tulis aturan yang kurang atau hapus deklarasinya."),
    codes.DUPLICATE_RULE.code: _t(
        "Dua aturan dalam satu instrumen mempunyai syarat yang sama dan memberi nilai yang sama.",
        "Duplikat melipatgandakan pemeliharaan dan menyembunyikan ketentuan mana yang menjadi sumber sebenarnya.",
        "Pertahankan satu aturan dan rujuk kedua ketentuan pada aturan itu."),
    codes.MISSING_CITATION_TEXT.code: _t(
        "Rujukan sebuah aturan tidak mengutip kalimat sumber yang dikodekan aturan itu.",
        "Kalimat yang dikutip memungkinkan pembaca memeriksa pengodean tanpa membuka instrumennya.",
        "Tambahkan kalimatnya dalam tanda kutip: "
        "`cite inmendagri_23_2021 KESEBELAS d.1 \"makan/minum di tempat ...\"`."),
    codes.UNUSED_ALLOW.code: _t(
        "Sebuah `allow` tidak meredam apa pun.",
        "Peredaman yang sudah usang akan diam-diam menyembunyikan temuan berikutnya dengan kode yang sama.",
        "Hapus `allow` itu, atau perbaiki kode atau sasarannya."),
    codes.NUMBERING_GAP.code: _t(
        "Struktur sebuah instrumen melompati satu label dalam urutan diktum, huruf, atau angka.",
        "Label yang terlompati (KEDUAPULUHSATU diikuti KEDUAPULUHTIGA) adalah cacat sumber yang harus "
        "diberitahukan kepada pembaca, atau salah ketik dalam struktur yang membuat rujukan gagal.",
        "Tambahkan label itu jika strukturnya salah ketik; jika sumbernya memang melompatinya, biarkan struktur "
        "sebagaimana adanya dalam sumber dan dokumentasikan cacatnya: peringatan ini menjadi catatannya."),
    codes.UNKNOWN_REGION.code: _t(
        "Sebuah nama wilayah bukan kab/kota dalam daftar wilayah resmi (daftar tahun 2020 yang disertakan "
        "bersama ppkm, atau daftar yang dikonfigurasi).",
        "Wilayah yang salah eja diam-diam terlepas dari setiap aturan yang mencantumkannya.",
        "Selesaikan ejaan sumber secara eksplisit: "
        "`\"Kota Buktitinggi\" = \"KOTA BUKITTINGGI\" per INTERPRETATION`."),
    codes.REGION_SPELLING.code: _t(
        "Sumber mengeja sebuah wilayah secara berbeda dari daftar wilayah resmi; kebijakan menyelesaikannya "
        "secara eksplisit.",
        "Ini adalah cacat teks sumber, yang tetap ditampilkan agar penyelesaiannya dapat ditinjau.",
        "Tidak ada yang perlu diperbaiki dalam kebijakan: peringatan ini mendokumentasikan ejaan sumber."),
    codes.REGION_SPELT_TWO_WAYS.code: _t(
        "Satu wilayah ditulis dengan dua cara yang berbeda dalam sumber.",
        "Dua ejaan memberi kesan ada dua wilayah; pembaca harus tahu bahwa keduanya sama.",
        "Biarkan kedua ejaan sebagaimana tertulis; peringatan ini mencatat bahwa keduanya satu wilayah."),
    codes.NO_GAZETTEER.code: _t(
        "Nama-nama wilayah tidak dapat diperiksa karena kebijakan dimuat tanpa daftar wilayah resmi.",
        "Tanpa daftar resmi, kab/kota yang salah eja tidak akan ketahuan.",
        "Muat dengan daftar wilayah resmi: biarkan `gazetteer` tidak diisi untuk memakai daftar 2020 yang "
        "disertakan, atau berikan sebuah direktori."),
    codes.PROVINCE_NEEDS_GAZETTEER.code: _t(
        "Sebuah himpunan wilayah menyebut satu provinsi utuh, yang tidak dapat dijabarkan tanpa daftar wilayah resmi.",
        "Tanpa daftar resmi, himpunan itu tidak berisi satu pun kab/kota provinsi tersebut, sehingga aturan "
        "yang mengujinya tidak pernah berlaku di sana.",
        "Muat dengan daftar wilayah resmi: biarkan `gazetteer` tidak diisi untuk memakai daftar 2020 yang "
        "disertakan, atau berikan sebuah direktori."),
    codes.OVERLAPPING_IN_FORCE.code: _t(
        "Dua instrumen berlaku pada hari-hari yang sama dan tidak ada yang mencabut atau memperpanjang yang lain.",
        "Pada hari-hari yang bertumpang tindih berlaku dua kelompok aturan; hubungan di antara keduanya harus "
        "dinyatakan secara eksplisit.",
        "Tambahkan `revokes` atau `extends`, atau perbaiki salah satu masa berlaku."),
    codes.EXAMPLE_OUTSIDE_PERIOD.code: _t(
        "Sebuah contoh bertanggal pada hari instrumennya tidak berlaku, tetapi tetap mengharapkan nilai.",
        "Contoh itu tidak dapat menguji aturan yang hendak diujinya.",
        "Beri tanggal di dalam masa berlaku, atau nyatakan `expect no_instrument`."),
    codes.REVOKED_STILL_REFERENCED.code: _t(
        "Sebuah aturan merujuk instrumen yang telah dicabut sebelum instrumen aturan itu sendiri mulai berlaku.",
        "Instruksi yang telah dicabut tidak lagi berlaku sebagai hukum; merujuknya sebagai dasar aturan menyesatkan.",
        "Rujuk instrumen yang sedang berlaku."),
    codes.BIDI_CONTROL.code: _t(
        "Teks kebijakan memuat karakter kendali dua arah yang tidak terlihat (U+202A-U+202E, U+2066-U+2069, "
        "U+200E, U+200F, U+061C).",
        "Karakter-karakter ini mengubah urutan tampilan teks di sekitarnya: kalimat kutipan atau nama dapat "
        "terbaca berbeda di layar, dalam peninjauan, atau di situs dokumentasi daripada isi berkasnya "
        "(serangan \"Trojan Source\").",
        "Hapus karakter itu; instrumen berbahasa Indonesia tidak memerlukannya. Jika sumber yang dikutip memang "
        "memuatnya, tulis kalimat tanpa karakter itu dan nyatakan hal tersebut dalam sebuah `interpretation`."),
    codes.MISSING_LABEL.code: _t(
        "Kebijakan yang berlabel membiarkan sebuah fakta, anggota enum, ketentuan, atau instrumen tanpa label "
        "bahasa Indonesia atau bahasa Inggris.",
        "Pembaca situs dan keluaran `ppkm eval` melihat label, bukan pengenal; butir tanpa label menampilkan "
        "pengenalnya (`ppkm_level_4_jawa_bali`) di antara kata-kata biasa. Kebijakan yang sama sekali tidak "
        "memberi label tidak diperiksa.",
        "Tambahkan `label id \"...\" en \"...\"` pada butir tersebut (setelah keterangannya)."),
    codes.UNKNOWN_LABEL_LANGUAGE.code: _t(
        "Sebuah label diberikan untuk bahasa selain `id` (Indonesia) dan `en` (Inggris), atau diberikan dua "
        "kali untuk satu bahasa.",
        "Situs dan baris perintah hanya berbahasa Indonesia dan Inggris; label dengan kode lain (sering salah "
        "ketik seperti `ind`) tidak pernah ditampilkan.",
        "Tulis label di bawah `id` atau `en`, masing-masing sekali."),
    # 6xx: inputs, tests and commands
    codes.UNKNOWN_FACT.code: _t(
        "Sebuah fakta yang diberikan kepada `ppkm eval`, `ppkm explain`, atau API tidak dideklarasikan oleh kebijakan.",
        "Nama fakta yang salah eja akan diabaikan dan jawabannya diam-diam dihitung tanpa fakta itu.",
        "Gunakan fakta yang dideklarasikan kebijakan (pesan menyarankan nama yang paling mirip). Ketentuan "
        "adalah keluaran dan tidak dapat diberikan."),
    codes.INVALID_FACT_VALUE.code: _t(
        "Sebuah fakta diberi nilai yang tidak diizinkan oleh jenisnya: nilai enum yang bukan anggota, angka di "
        "luar rentang yang dideklarasikan, atau wilayah yang bukan kab/kota.",
        "Jawaban untuk nilai yang tidak dikenal kebijakan bukanlah jawaban yang diberikan oleh peraturan.",
        "Gunakan salah satu nilai yang diizinkan yang tercantum dalam pesan; untuk wilayah, gunakan nama resmi "
        "Kemendagri (\"KOTA MEDAN\", \"KAB. BERAU\")."),
    codes.MALFORMED_INPUT.code: _t(
        "Tanggal, angka, persentase, atau jam yang diberikan sebagai masukan tidak dapat dibaca.",
        "Menebak nilai yang salah bentuk dapat mengevaluasi kasus yang berbeda dari yang dimaksud.",
        "Tulis tanggal sebagai YYYY-MM-DD, bilangan desimal dengan titik (`5.3`), persentase sebagai `5.3%` "
        "atau `5.3`, jam sebagai `17:00`, dan fakta sebagai `--set name=value`."),
    codes.UNREADABLE_FACTS_FILE.code: _t(
        "Berkas yang diberikan dengan `--facts` tidak dapat dibaca, atau bukan objek JSON atau tabel CSV "
        "dengan baris judul.",
        "Evaluasi tanpa fakta yang seharusnya diberikan oleh berkas itu akan menjawab pertanyaan yang lain.",
        "Berikan berkas `.json` UTF-8 yang berisi satu objek (`{\"fact\": value}`) atau berkas `.csv` yang "
        "baris judulnya menyebut nama fakta (dan, jika perlu, `at`)."),
    codes.NO_INSTRUMENT_IN_FORCE.code: _t(
        "Tidak ada instrumen terkodekan yang berlaku pada tanggal yang ditanyakan.",
        "Ini adalah jawaban, bukan kegagalan: pada tanggal itu tidak satu pun instruksi yang dikodekan berlaku, "
        "sehingga tidak ada ketentuan yang berasal darinya.",
        "Tidak ada yang perlu diperbaiki; tanyakan tanggal di dalam masa berlaku sebuah instrumen jika itu "
        "yang dimaksud."),
    codes.EXAMPLE_FAILED.code: _t(
        "Sebuah blok `example` menyatakan hasil yang tidak dihasilkan oleh evaluasi kebijakan.",
        "Contoh menyatakan apa yang dikatakan instrumen untuk kasus-kasus konkret; contoh yang gagal berarti "
        "pengodean atau contohnya menyimpang dari sumber.",
        "Bandingkan nilai yang diharapkan dengan nilai sebenarnya serta diktum yang dirujuk; perbaiki aturan "
        "atau contohnya, mana pun yang menyimpang dari teks."),
    codes.TOO_MANY_CASES.code: _t(
        "Fakta yang diberikan menyisakan sebuah ketentuan yang syaratnya terpecah menjadi lebih banyak kasus "
        "daripada yang dapat dikerjakan mesin residual (hasil kali banyak alternatif atas fakta yang tidak diberikan).",
        "Mengerjakan semua kasus itu akan memerlukan waktu dan memori yang tumbuh secara eksponensial terhadap "
        "jumlah alternatif; menjawab tanpa kasus-kasus itu berarti menyatakan lebih dari yang dimungkinkan "
        "fakta, sehingga jawaban ditolak alih-alih ditebak atau dibiarkan berjalan terus.",
        "Berikan lebih banyak fakta yang disebut dalam pesan (setiap fakta yang diberikan membagi dua jumlah "
        "kasus), atau tanyakan lebih sedikit ketentuan dengan `--measure`."),
    codes.UNSUPPORTED_COMPILE_TARGET.code: _t(
        "`ppkm compile` diminta menulis bahasa sasaran atau dialek SQL yang tidak didukungnya, atau memakai "
        "nama kolom masukan, keluaran, atau relasi yang tidak dapat digunakannya.",
        "Kueri untuk dialek lain, atau atas kolom yang tidak dimiliki kebijakan, akan gagal di basis data atau, "
        "lebih buruk lagi, berjalan dengan makna yang lain.",
        "Gunakan `--to sql` dengan `--dialect duckdb`, `spark`, atau `postgres`; dengan `--column` sebut hanya "
        "fakta kebijakan, dan dengan `--measure` hanya ketentuan atau fakta turunan."),
    codes.UNREADABLE_REVISION.code: _t(
        "Revisi git yang diberikan kepada `ppkm diff --rev` tidak dapat dibaca, atau tidak memuat satu pun "
        "berkas kebijakan yang ditanyakan.",
        "Membandingkan dengan revisi yang tidak ada akan melaporkan setiap ketentuan sebagai ketentuan baru.",
        "Berikan revisi yang dikenal `git show` (cabang, tag, atau commit) dan jalur di dalam repositori yang "
        "ada pada revisi tersebut."),
    codes.UNREADABLE_WEIGHTS_FILE.code: _t(
        "Berkas `--weights` tidak dapat dibaca, atau ada baris yang bukan kab/kota diikuti sebuah angka.",
        "Dampak berbobot yang dihitung dari tabel yang salah dibaca akan mengecilkan atau membesar-besarkan "
        "siapa yang terkena suatu perubahan.",
        "Berikan CSV UTF-8 dengan satu kab/kota (nama resmi Kemendagri) dan satu angka per baris; baris judul "
        "diperbolehkan."),
    # 7xx: configuration
    codes.UNKNOWN_CONFIG_KEY.code: _t(
        "`ppkm.toml` memuat kunci yang tidak dikenal ppkm.",
        "Kunci yang salah eja akan diabaikan tanpa pemberitahuan: `fail_level` yang dimaksudkan untuk "
        "menggagalkan CI karena peringatan, atau `ignore` yang dimaksudkan untuk meredam sebuah kode, tidak "
        "akan berpengaruh.",
        "Gunakan salah satu kunci `select`, `ignore`, `exclude`, `fail-level`, dan `gazetteer` (pesan "
        "menyarankan yang paling mirip), atau hapus baris itu."),
    codes.INVALID_CONFIG_VALUE.code: _t(
        "Sebuah kunci `ppkm.toml` mempunyai nilai dengan jenis yang salah, atau `ppkm.toml` bukan TOML yang sah.",
        "Nilai yang tidak dapat dipakai ppkm akan dibuang, dan pemeriksaan berjalan dengan pengaturan selain "
        "yang tertulis.",
        "`select`, `ignore`, dan `exclude` menerima daftar string (awalan kode seperti `\"PPK5\"`, atau pola "
        "jalur); `fail-level` bernilai `\"error\"` atau `\"warning\"`; `gazetteer` adalah sebuah jalur."),
}

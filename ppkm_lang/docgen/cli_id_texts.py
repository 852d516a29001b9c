"""The Indonesian of each description in the command line's help (see `cli_id`), keyed by the
English text with its whitespace collapsed. Options, values, paths and names stay as written."""

TEXTS: dict[str, str] = {
    # ppkm
    "Policy as code for the 2021 PPKM instructions: check, query and document .ppkm policies.":
        "Kebijakan sebagai kode untuk instruksi PPKM 2021: memeriksa, menanyai dan mendokumentasikan kebijakan .ppkm.",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan nomor versi program lalu keluar",
    "a region list to use instead of the 2020 list shipped with ppkm (a directory in the wilayah-2020 layout)":
        "daftar wilayah pengganti daftar 2020 yang disertakan dengan ppkm (direktori dengan tata letak wilayah-2020)",
    "use no region list at all: region names are only those the policies mention, provinces cannot be "
    "expanded (PPK514, PPK515)":
        "tanpa daftar wilayah sama sekali: nama wilayah hanya yang disebut kebijakan, provinsi tidak dapat "
        "dijabarkan (PPK514, PPK515)",
    "no colour or styling in the output": "keluaran tanpa warna atau gaya",
    "check policies: types, conflicts, gaps, shadowed rules, citations, regions":
        "periksa kebijakan: jenis, konflik, celah, aturan tertutup, rujukan, wilayah",
    "list the facts, measures and instruments of a policy": "daftar fakta, ketentuan dan instrumen sebuah kebijakan",
    "evaluate policies on a date for given facts: each measure with the diktum it comes from":
        "evaluasi kebijakan pada satu tanggal untuk fakta yang diberikan: setiap ketentuan beserta diktum asalnya",
    "compile policies to a SQL query (DuckDB, Spark SQL, PostgreSQL) over a table of cases":
        "kompilasi kebijakan menjadi kueri SQL (DuckDB, Spark SQL, PostgreSQL) atas tabel kasus",
    "explain, in plain sentences, which rule decides each measure and why the others do not apply":
        "jelaskan, dengan kalimat biasa, aturan mana yang menentukan setiap ketentuan dan mengapa yang lain tidak berlaku",
    "answer a question interactively: asks only the facts that would change the answer":
        "jawab pertanyaan secara interaktif: hanya menanyakan fakta yang akan mengubah jawabannya",
    "run the example blocks of policies and report which rules no example exercises":
        "jalankan blok contoh kebijakan dan laporkan aturan yang tidak diuji contoh mana pun",
    "show where two versions of a policy, or one policy on two dates, give different answers":
        "tunjukkan di mana dua versi kebijakan, atau satu kebijakan pada dua tanggal, memberi jawaban berbeda",
    "build the documentation site from the policies (Indonesian, and English under en/)":
        "bangun situs dokumentasi dari kebijakan (bahasa Indonesia, dan bahasa Inggris di bawah en/)",
    "format policy files: indentation, spacing, aligned table rows; comments kept":
        "rapikan berkas kebijakan: indentasi, spasi, baris tabel yang sejajar; komentar dipertahankan",
    "run the language server (LSP over standard input and output) for editors":
        "jalankan server bahasa (LSP melalui masukan dan keluaran standar) untuk editor",
    "start a new instrument: a policy file that checks clean, with a rule and an example":
        "mulai instrumen baru: berkas kebijakan yang lolos pemeriksaan, dengan satu aturan dan satu contoh",
    "print a shell completion script (bash, zsh or tcsh) for ppkm":
        "cetak skrip pelengkapan shell (bash, zsh atau tcsh) untuk ppkm",
    "exit status: 0 clean, 1 findings at the failing level, 2 usage or input problems.":
        "status keluar: 0 bersih, 1 ada temuan pada tingkat gagal, 2 masalah penggunaan atau masukan.",
    'gazetteer: the 2020 list shipped with ppkm, unless --gazetteer PATH, $PPKM_GAZETTEER or `gazetteer = '
    '"path"` in the nearest ppkm.toml names another (first match wins); --no-gazetteer uses none.':
        'gazetir: daftar 2020 yang disertakan dengan ppkm, kecuali --gazetteer PATH, $PPKM_GAZETTEER atau '
        '`gazetteer = "path"` di ppkm.toml terdekat menyebut yang lain (yang pertama cocok berlaku); '
        '--no-gazetteer tanpa daftar.',
    "cache: loaded policies are kept in $PPKM_CACHE_DIR or ~/.cache/ppkm; PPKM_NO_CACHE=1 turns it off.":
        "cache: kebijakan yang dimuat disimpan di $PPKM_CACHE_DIR atau ~/.cache/ppkm; PPKM_NO_CACHE=1 mematikannya.",
    "colour: off with --no-color, NO_COLOR=1, or when the output is not a terminal.":
        "warna: mati dengan --no-color, NO_COLOR=1, atau bila keluaran bukan terminal.",
    # check
    "policy files, or directories searched for *.ppkm; `-` reads standard input":
        "berkas kebijakan, atau direktori yang ditelusuri untuk *.ppkm; `-` membaca masukan standar",
    "text for people (default), json, sarif (code scanning), github (workflow annotations)":
        "text untuk manusia (bawaan), json, sarif (code scanning), github (anotasi workflow)",
    "exit 1 when a finding is at least this severe (default: `fail-level` of ppkm.toml, else error)":
        "keluar dengan 1 bila ada temuan setidaknya seberat ini (bawaan: `fail-level` di ppkm.toml, atau error)",
    "write the report to FILE (atomically: FILE appears complete or not at all)":
        "tulis laporan ke FILE (secara atomik: FILE muncul utuh atau tidak sama sekali)",
    "the path the policy read from `-` stands for (imports resolve beside it)":
        "jalur yang diwakili kebijakan yang dibaca dari `-` (impor dicari di sampingnya)",
    "apply `exclude` of ppkm.toml to the files named on the command line too":
        "terapkan `exclude` dari ppkm.toml juga pada berkas yang disebut di baris perintah",
    # schema, eval
    "policy files, or directories searched for *.ppkm": "berkas kebijakan, atau direktori yang ditelusuri untuk *.ppkm",
    "text tables (default) or json": "tabel teks (bawaan) atau json",
    "the date to evaluate on": "tanggal evaluasi",
    "give a fact (repeatable), e.g. --set kegiatan=makan_di_tempat":
        "berikan satu fakta (dapat diulang), misalnya --set kegiatan=makan_di_tempat",
    "facts from a JSON object, or a table with one case per record: CSV (`,` or `;`), Parquet, JSON lines; "
    "`-` reads CSV from stdin":
        "fakta dari objek JSON, atau tabel dengan satu kasus per rekaman: CSV (`,` atau `;`), Parquet, JSON lines; "
        "`-` membaca CSV dari stdin",
    "write the result to FILE (atomically)": "tulis hasilnya ke FILE (secara atomik)",
    "text for people (default) or json (versioned); a table of cases gives a table, one row per case (or with "
    "`long`, one row per case and measure)":
        "text untuk manusia (bawaan) atau json (berversi); tabel kasus menghasilkan tabel, satu baris per kasus "
        "(atau dengan `long`, satu baris per kasus dan ketentuan)",
    "for a table of cases: run the compiled SQL in embedded DuckDB (default) or answer each row in Python; the "
    "output is the same":
        "untuk tabel kasus: jalankan SQL hasil kompilasi di DuckDB tertanam (bawaan) atau jawab setiap baris "
        "dengan Python; keluarannya sama",
    "show this measure or derived fact (repeatable); default: those the question is about":
        "tampilkan ketentuan atau fakta turunan ini (dapat diulang); bawaan: yang ditanyakan",
    "also list the general provisions (measures the facts given do not select)":
        "daftar juga ketentuan umum (ketentuan yang tidak dipilih oleh fakta yang diberikan)",
    # compile
    "what to write: sql (the default)": "yang ditulis: sql (bawaan)",
    "duckdb (default), spark or postgres": "duckdb (bawaan), spark atau postgres",
    "the table or view the query reads (default: facts)": "tabel atau view yang dibaca kueri (bawaan: facts)",
    "write CREATE VIEW NAME AS <query> instead of the query": "tulis CREATE VIEW NAME AS <query> alih-alih kuerinya",
    "output only this measure or derived fact (repeatable; default: all)":
        "keluarkan hanya ketentuan atau fakta turunan ini (dapat diulang; bawaan: semua)",
    "the source has a column for this fact (repeatable; default: every input fact); facts without a column "
    "are not given":
        "sumber data mempunyai kolom untuk fakta ini (dapat diulang; bawaan: setiap fakta masukan); fakta tanpa "
        "kolom tidak diberikan",
    # explain, ask
    "text for people (default) or json": "text untuk manusia (bawaan) atau json",
    "explain only this measure or derived fact (repeatable)":
        "jelaskan hanya ketentuan atau fakta turunan ini (dapat diulang)",
    "ask until these measures are definite (repeatable); default: those the question is about":
        "bertanya sampai ketentuan ini pasti (dapat diulang); bawaan: yang ditanyakan",
    # test
    "list the rules and table rows that no example exercises":
        "daftar aturan dan baris tabel yang tidak diuji contoh mana pun",
    "fail when examples exercise less than N percent of the rules":
        "gagal bila contoh menguji kurang dari N persen aturan",
    "mutation testing: which one-change mutants of the policy no example kills":
        "pengujian mutasi: mutan satu perubahan dari kebijakan yang tidak dimatikan contoh mana pun",
    "with --mutate: fail when the mutation score is below N percent":
        "dengan --mutate: gagal bila skor mutasi di bawah N persen",
    "text for people (default), json, or junit XML for CI": "text untuk manusia (bawaan), json, atau XML junit untuk CI",
    "write the report to FILE (atomically)": "tulis laporan ke FILE (secara atomik)",
    "print a PASS line for every passing example too (text output)":
        "cetak juga baris PASS untuk setiap contoh yang lulus (keluaran teks)",
    # diff
    "OLD NEW (two policies), or the policy paths with --rev or --at/--vs":
        "OLD NEW (dua kebijakan), atau jalur kebijakan dengan --rev atau --at/--vs",
    "compare the git revision REV of PATH... with the working tree":
        "bandingkan revisi git REV dari PATH... dengan working tree",
    "with --vs: the first day (one policy); alone: compare two policies on this day":
        "dengan --vs: hari pertama (satu kebijakan); sendiri: bandingkan dua kebijakan pada hari ini",
    "the second day to compare with --at": "hari kedua yang dibandingkan dengan --at",
    "compare only this measure or derived fact (repeatable)":
        "bandingkan hanya ketentuan atau fakta turunan ini (dapat diulang)",
    "CSV of kab/kota,weight for a weighted impact": "CSV kab/kota,bobot untuk dampak berbobot",
    "regions shown per measure in text and markdown (default 10; 0: all)":
        "wilayah yang ditampilkan per ketentuan dalam text dan markdown (bawaan 10; 0: semua)",
    "text for people (default), json (versioned), markdown for a review comment":
        "text untuk manusia (bawaan), json (berversi), markdown untuk komentar tinjauan",
    # docs
    "policy files, or directories searched for *.ppkm (default: policies/)":
        "berkas kebijakan, atau direktori yang ditelusuri untuk *.ppkm (bawaan: policies/)",
    "where to write the site (default: site/): a new or empty directory, or one an earlier build wrote, which "
    "is replaced whole":
        "tempat situs ditulis (bawaan: site/): direktori baru atau kosong, atau yang ditulis pembangunan "
        "sebelumnya, yang diganti seluruhnya",
    "the base mkdocs configuration (default: mkdocs.yml in the current directory, when there is one)":
        "konfigurasi dasar mkdocs (bawaan: mkdocs.yml di direktori saat ini, bila ada)",
    "the address the site is published at (e.g. https://example.org/ppkm/): fills the sitemap and lets the "
    "language menu keep the page":
        "alamat tempat situs diterbitkan (misalnya https://example.org/ppkm/): mengisi sitemap dan membuat menu "
        "bahasa tetap di halaman yang sama",
    # fmt, lsp, init, completion
    "policy files, or directories of *.ppkm; `-` formats standard input to standard output":
        "berkas kebijakan, atau direktori berisi *.ppkm; `-` merapikan masukan standar ke keluaran standar",
    "the name of the file read from `-`, for messages": "nama berkas yang dibaca dari `-`, untuk pesan",
    "change nothing; exit 1 if a file is not formatted": "tidak mengubah apa pun; keluar dengan 1 bila ada berkas yang belum rapi",
    "change nothing; print what would change": "tidak mengubah apa pun; cetak apa yang akan berubah",
    "talk over standard input and output (the default and only transport; accepted because editors pass it)":
        "berkomunikasi melalui masukan dan keluaran standar (transport bawaan dan satu-satunya; diterima karena "
        "editor memberikannya)",
    "the instrument's name, in lower case with underscores (e.g. inmendagri_67_2021)":
        "nama instrumen, huruf kecil dengan garis bawah (misalnya inmendagri_67_2021)",
    "the instrument's title (default: made from NAME)": "judul instrumen (bawaan: dibuat dari NAME)",
    "where to write NAME.ppkm (default: here)": "tempat NAME.ppkm ditulis (bawaan: di sini)",
    "the shell to complete in": "shell yang dilengkapi",
}

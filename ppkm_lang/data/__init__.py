"""Reference data shipped with the package: the official 2020 Kemendagri region list
(`wilayah-2020/`), the default gazetteer. `ppkm_lang.semantics.gazetteer` reads it."""

__all__: list[str] = []

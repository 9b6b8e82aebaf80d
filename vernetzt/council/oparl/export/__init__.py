"""A read-only OParl 1.1 API of vernetzt's own council data, public data only
(``docs/council.md``, "OParl export")."""

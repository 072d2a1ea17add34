"""Storage: TinyDB files written atomically, one per session; the data-dir lock;
quarantine of damaged files; schema migrations. Talk to it through ``store.Store``."""

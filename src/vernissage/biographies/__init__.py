"""Reading biography texts into draft records, each fact citing its sentence."""

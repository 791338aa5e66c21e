// SwiftPM needs a source file in a C target; the functions are in libshftu_rules_uniffi.

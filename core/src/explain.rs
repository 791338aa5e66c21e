//! A clerk-ready explanation of a response (filled in by the catalogue work).

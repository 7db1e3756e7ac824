// Bumped whenever a change to the parsers can change a record: batch results are keyed by it.
export const EXTRACTOR_VERSION = '0.2.0';

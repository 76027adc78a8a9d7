/**
 * The parts of `natural` we use, imported from their own modules. Never import the package
 * root: it loads every module (about 1 s and 150 MB), reads `./.env` into process.env and prints
 * dotenv banners on stdout. test/matching/natural-import.test.ts guards this.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface TfIdfTerm {
  term: string;
  tf: number;
  idf: number;
  tfidf: number;
}

export interface NaturalTfIdf {
  addDocument(document: string[], key?: string): void;
  idf(term: string): number;
  listTerms(documentIndex: number): TfIdfTerm[];
}

export const TfIdf: new () => NaturalTfIdf = require("natural/lib/natural/tfidf/tfidf.js");

export const PorterStemmer: {
  stem(token: string): string;
} = require("natural/lib/natural/stemmers/porter_stemmer.js");

export const DamerauLevenshteinDistance: (
  a: string,
  b: string,
  options?: { restricted?: boolean },
) => number =
  require("natural/lib/natural/distance/levenshtein_distance.js").DamerauLevenshteinDistance;

export const ENGLISH_STOPWORDS: readonly string[] =
  require("natural/lib/natural/util/stopwords.js").words;

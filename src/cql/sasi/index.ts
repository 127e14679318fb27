export { SasiIndex, sasiIndexOf, validateSasiOptions, SASI_INDEX_CLASS, type SasiMode, type SasiOp } from './sasi-index.js';
export {
  likePattern, likeMatcher, equalityMatcher, rangeMatcher, LIKE_FORM_TEXT, type LikeForm, type ValueMatcher,
} from './sasi-expression.js';
export { isTextType, textCodec } from './analyzers/analyzer.js';

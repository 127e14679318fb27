/**
 * A constant as written in CQL: the text is kept so that the receiving type decides how it is read
 * (1 may be an int, a varint, a double or a timestamp). The parser produces these; types/ reads them.
 */
export type Constant =
  | { readonly kind: 'string'; readonly value: string }   // 'abc' or $$abc$$, unescaped
  | { readonly kind: 'integer'; readonly text: string }   // -12, 123
  | { readonly kind: 'float'; readonly text: string }     // 1.5, -2e10, NaN, Infinity, -Infinity
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'uuid'; readonly text: string }      // 123e4567-e89b-12d3-a456-426614174000
  | { readonly kind: 'hex'; readonly text: string }       // 0xCAFE: the text without the 0x prefix
  | { readonly kind: 'duration'; readonly text: string }; // 1h30m, P1DT2H, -3d

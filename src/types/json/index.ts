/** JSON for SELECT JSON, INSERT JSON, toJson() and fromJson(): parsing, and values to and from JSON. */
export {
  type JsonValue, type JsonNumber, type JsonObject, jsonNumber, jsonObject, jsonValueOf, isJsonArray, isJsonNumber, isJsonObject,
} from './json-value.js';
export { parseJson, JsonSyntaxError, MAX_JSON_DEPTH } from './json-parser.js';
export { toJsonText } from './to-json.js';
export { fromJsonValue } from './from-json.js';
export { quoteJsonString } from './java-text.js';

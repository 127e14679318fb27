/** Message opcodes (spec §2.4.1.4). There is no 0x04 since v3 (it was CREDENTIALS). */
export const Opcode = {
  ERROR: 0x00,
  STARTUP: 0x01,
  READY: 0x02,
  AUTHENTICATE: 0x03,
  OPTIONS: 0x05,
  SUPPORTED: 0x06,
  QUERY: 0x07,
  RESULT: 0x08,
  PREPARE: 0x09,
  EXECUTE: 0x0a,
  REGISTER: 0x0b,
  EVENT: 0x0c,
  BATCH: 0x0d,
  AUTH_CHALLENGE: 0x0e,
  AUTH_RESPONSE: 0x0f,
  AUTH_SUCCESS: 0x10,
} as const;

export type OpcodeName = keyof typeof Opcode;
export type Opcode = (typeof Opcode)[OpcodeName];

export type RequestOpcodeName = 'STARTUP' | 'OPTIONS' | 'QUERY' | 'PREPARE' | 'EXECUTE' | 'REGISTER' | 'BATCH' | 'AUTH_RESPONSE';

const namesByOpcode = new Map<number, OpcodeName>(
  Object.entries(Opcode).map(([name, code]) => [code, name as OpcodeName]),
);

export function opcodeName(opcode: number): OpcodeName | undefined {
  return namesByOpcode.get(opcode);
}

const requestOpcodes = new Set<OpcodeName>(['STARTUP', 'OPTIONS', 'QUERY', 'PREPARE', 'EXECUTE', 'REGISTER', 'BATCH', 'AUTH_RESPONSE']);

export function isRequestOpcode(name: OpcodeName): name is RequestOpcodeName {
  return requestOpcodes.has(name);
}

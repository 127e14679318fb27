export { NativeTransportServer } from './native-transport-server.js';
export type { ConnectionLimits } from './connection.js';
export { listenAll } from './cluster-listeners.js';
export { ClientEncryption, type ClientEncryptionOptions, type TlsOption } from './tls-client-encryption.js';
export { CertificateAuthority, type CertificateRequest, type KeyAndCertificate, type Validity } from './tls-certificates.js';

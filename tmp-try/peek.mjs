import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import tls from 'node:tls'; import net from 'node:net';
x509.cryptoProvider.set(webcrypto);
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const caKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
const ca = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name: 'CN=CA', notBefore: new Date(Date.now()-3600e3), notAfter: new Date(Date.now()+86400e3), keys: caKeys, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] });
const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
const cert = await x509.X509CertificateGenerator.create({ serialNumber: '02', subject: 'CN=s', issuer: ca.subject, notBefore: new Date(Date.now()-3600e3), notAfter: new Date(Date.now()+86400e3), signingKey: caKeys.privateKey, publicKey: keys.publicKey, signingAlgorithm: alg, extensions: [new x509.SubjectAlternativeNameExtension([{type:'ip', value:'127.0.0.1'}])] });
const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
const tlsServer = tls.createServer({ cert: cert.toString('pem'), key }, (s) => { s.on('data', d => { s.write('echo:' + d); }); });
const server = net.createServer((socket) => {
  socket.once('data', (chunk) => {
    socket.pause();
    socket.unshift(chunk);
    if (chunk[0] === 0x16) tlsServer.emit('connection', socket);
    else { socket.resume(); socket.on('data', d => socket.write('plain:' + d)); }
  });
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const c = tls.connect({ host: '127.0.0.1', port, ca: ca.toString('pem') }, () => { console.log('authorized', c.authorized); c.write('hello'); });
  c.on('data', d => { console.log('tls got', String(d)); c.end();
    const p = net.connect({ host: '127.0.0.1', port }, () => p.write('x'));
    p.on('data', d => { console.log('plain got', String(d)); p.end(); server.close(); });
  });
  c.on('error', (e) => { console.log('err', e.message); server.close(); });
});

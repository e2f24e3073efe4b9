import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { onFreePort } from './ports.js';
import { startServerProcess } from './process.js';
import type { ResticRepository } from './restic.js';
import { withTeardown } from './teardown.js';

export interface S3ServerOptions {
  /** The bucket created at start; `cellar-test` unless told. */
  readonly bucket?: string;
}

/** An S3 endpoint (s3rver 3.7.1) over TLS with a self-signed certificate, holding one bucket. */
export interface S3Server {
  /** `https://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  /** The certificate a client must trust (`restic --cacert`, `AWS_CA_BUNDLE`). */
  readonly cacert: string;
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY that s3rver accepts. */
  readonly credentials: Readonly<Record<'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY', string>>;
  /** `s3:https://127.0.0.1:PORT/BUCKET` with `--cacert` and the credentials. */
  readonly restic: ResticRepository;
  /** A repository below a prefix of the bucket, `s3:https://127.0.0.1:PORT/BUCKET/PREFIX`. */
  repository(prefix: string): ResticRepository;
  stop(): Promise<void>;
}

const address = '127.0.0.1';
const s3rverBin = fileURLToPath(new URL('../../node_modules/s3rver/bin/s3rver.js', import.meta.url));

/** A key and a self-signed certificate valid for the IP address 127.0.0.1. */
async function selfSignedCertificate(folder: string): Promise<{ key: string; cert: string }> {
  const key = join(folder, 'tls.key');
  const cert = join(folder, 'tls.crt');
  await execa(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${address}`,
      '-addext',
      `subjectAltName=IP:${address}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdin: 'ignore' },
  );
  return { key, cert };
}

/**
 * Starts s3rver over TLS on a free port of 127.0.0.1. Over plain http, s3rver 3.7.1 stores restic's
 * aws-chunked uploads undecoded and every command after `init` fails.
 */
export function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const bucket = options.bucket ?? 'cellar-test';
  return withTeardown(async (teardown) => {
    const root = await teardown.folder('s3');
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    const tls = await selfSignedCertificate(root);
    const { port, server } = await onFreePort(address, async (port) => {
      const server = await startServerProcess({
        name: 's3rver',
        command: process.execPath,
        args: [s3rverBin, '--silent', '-d', dataDir, '-a', address, '-p', String(port), '--key', tls.key, '--cert', tls.cert, '--configure-bucket', bucket],
        ready: /S3rver listening on /,
        portInUse: /EADDRINUSE/,
      });
      return { port, server };
    });
    teardown.add(() => server.stop());
    const endpoint = `https://${address}:${port}`;
    // s3rver takes any key pair it knows; these are its built-in one.
    const credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const repository = (prefix: string): ResticRepository => ({
      repository: `s3:${endpoint}/${bucket}${prefix === '' ? '' : `/${prefix}`}`,
      options: ['--cacert', tls.cert],
      env: credentials,
    });
    return { endpoint, port, bucket, cacert: tls.cert, credentials, restic: repository(''), repository, stop: () => teardown.run() };
  });
}

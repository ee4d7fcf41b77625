import { Writable } from 'node:stream';

/** A stream that keeps what is written to it, to read a command's output in a test. */
export class Capture extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString('utf8');
    callback();
  }
}

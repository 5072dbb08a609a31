/**
 * JupyterLab's jest environment (jsdom + Node's fetch) with Node's web
 * streams and CompressionStream, which browsers have and jsdom lacks, and
 * Node's package exports.
 * Use with `@jest-environment ./src/aws/__tests__/jsdomWithStreams.js`.
 */
const JupyterLabEnvironment =
  require('@jupyterlab/testing/lib/jest-env.js').default;

class JSDOMWithStreamsEnvironment extends JupyterLabEnvironment {
  constructor(...args) {
    super(...args);
    // The AWS SDK's "browser" exports are untranspiled ESM; its Node build
    // is the same code (the request handler is fetch in both, see clients.ts).
    this.customExportConditions = ['node', 'node-addons'];
    for (const name of [
      'ReadableStream',
      'ByteLengthQueuingStrategy',
      'CountQueuingStrategy',
      'WritableStream',
      'TransformStream',
      'CompressionStream',
      'DecompressionStream',
      'TextEncoderStream',
      'TextDecoderStream',
      'TextDecoder',
      'AbortController',
      'AbortSignal'
    ]) {
      this.global[name] = globalThis[name];
    }
    // Node's TextEncoder answers with Node's Uint8Array, which fails the
    // `instanceof Uint8Array` checks of code running in the test's realm.
    const RealmUint8Array = this.global.Uint8Array;
    const NodeTextEncoder = globalThis.TextEncoder;
    this.global.TextEncoder = class TextEncoder extends NodeTextEncoder {
      encode(input) {
        const bytes = super.encode(input);
        return new RealmUint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      }
    };
  }
}

module.exports = JSDOMWithStreamsEnvironment;

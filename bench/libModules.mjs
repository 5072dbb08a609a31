// Lets a benchmark import the compiled lib/: tsc writes ES modules that import
// `./x`, into a package without "type": "module"; this tells Node's loader what
// they are and where `./x` is. Importing this file installs the hook.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        try {
          return await next(specifier, context);
        } catch (error) {
          if (/^\\.\\.?\\//.test(specifier) && !/\\.[mc]?js$/.test(specifier)) {
            return next(specifier + '.js', context);
          }
          throw error;
        }
      }
      export async function load(url, context, next) {
        const ours = url.startsWith('file:') && url.endsWith('.js') && !url.includes('/node_modules/');
        return next(url, ours ? { ...context, format: 'module' } : context);
      }`)
);

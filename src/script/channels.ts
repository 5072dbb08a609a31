import { SyntaxNode } from '@lezer/common';
import { stringLiteral } from './pythonLiteral';
import { PythonSource } from './pythonSyntax';

/**
 * Channel names read as `os.environ['SM_CHANNEL_X']`,
 * `os.environ.get('SM_CHANNEL_X', …)` or `os.getenv('SM_CHANNEL_X')`.
 */
export function findChannels(source: PythonSource): string[] {
  const channels: string[] = [];
  source.tree.iterate({
    enter: ref => {
      if (ref.name !== 'String' || !readsEnvironment(ref.node, source)) {
        return;
      }
      const channel = /^SM_CHANNEL_(\w+)$/.exec(stringValue(ref.node, source));
      if (channel && !channels.includes(channel[1].toLowerCase())) {
        channels.push(channel[1].toLowerCase());
      }
    }
  });
  return channels;
}

function readsEnvironment(string: SyntaxNode, source: PythonSource): boolean {
  const parent = string.parent;
  if (parent?.name === 'MemberExpression' && parent.firstChild) {
    return /(^|\.)environ$/.test(source.textOf(parent.firstChild));
  }
  const call = parent?.name === 'ArgList' ? parent.parent : null;
  const isFirstArgument = string.prevSibling?.name === '(';
  if (call?.name === 'CallExpression' && call.firstChild && isFirstArgument) {
    return /(^|\.)(environ\.get|getenv)$/.test(source.textOf(call.firstChild));
  }
  return false;
}

function stringValue(node: SyntaxNode, source: PythonSource): string {
  return stringLiteral(node, source) ?? ''; // bytes: not an environment variable name
}

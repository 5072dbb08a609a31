import { SyntaxNode } from '@lezer/common';
import { HyperparameterValue } from '../tokens';
import { floatDotsNeutralised } from './floatDots';
import { literalValue, NotALiteral, pythonString } from './pythonLiteral';
import { children, PythonSource } from './pythonSyntax';

/** A line of the parameters cell that is not `name = <literal>`. */
export class ParametersProblem extends Error {
  constructor(
    readonly line: number,
    lineText: string
  ) {
    super(
      `the parameters cell may hold only \`name = value\` lines with literal values ` +
        `(numbers, strings, True/False/None, and lists, tuples or dicts of them), ` +
        `and \`${lineText.trim()}\` is not one. Move it to another cell.`
    );
  }
}

export interface IParameters {
  values: Record<string, HyperparameterValue>;
  /** Each value as the cell writes it. */
  literals: Record<string, string>;
  /** Python that stands in for the cell: the job's values, else the notebook's. */
  lines: string[];
  /** For each of `lines`, the cell line it stands for; null for the helper. */
  origins: Array<number | null>;
}

/**
 * Reads the cell tagged `parameters` (papermill's convention) and writes the
 * code that takes the values from the job the way the SageMaker training
 * toolkit passes them: `SM_HPS` as JSON, and `--name value` arguments.
 */
export function readParametersCell(cell: PythonSource): IParameters {
  const values: Record<string, HyperparameterValue> = {};
  const defaults = new Map<string, { text: string; line: number }>();
  const lineText = (line: number) => cell.text.split('\n')[line - 1] ?? '';
  // Parsed with `lr = 2.` read as a number; literals are taken from the cell as written.
  const source = new PythonSource(floatDotsNeutralised(cell.text));
  const written = (node: SyntaxNode) => {
    // Such a float's node ends a character early: its dot became the space after it.
    const moved = source.text[node.to] === ' ' && cell.text[node.to] !== ' ';
    return cell.text.slice(node.from, node.to + (moved ? 1 : 0));
  };
  const errorLine = source.firstErrorLine();
  if (errorLine !== null) {
    throw new ParametersProblem(errorLine, lineText(errorLine));
  }
  for (const statement of children(source.tree.topNode)) {
    if (statement.name === 'Comment') {
      continue;
    }
    const line = source.lineAt(statement.from);
    const parts = children(statement).filter(n => n.name !== 'TypeDef');
    const [target, assign, value] = parts;
    if (
      statement.name !== 'AssignStatement' ||
      parts.length !== 3 ||
      target.name !== 'VariableName' ||
      assign.name !== 'AssignOp'
    ) {
      throw new ParametersProblem(line, lineText(line));
    }
    try {
      values[source.textOf(target)] = literalValue(value, source);
    } catch (error) {
      if (error instanceof NotALiteral) {
        throw new ParametersProblem(line, lineText(line));
      }
      throw error;
    }
    defaults.set(source.textOf(target), { text: written(value), line });
  }
  const literals: Record<string, string> = {};
  defaults.forEach(({ text }, name) => (literals[name] = text));
  return { values, literals, ...hyperparameterCode(defaults) };
}

function hyperparameterCode(
  defaults: Map<string, { text: string; line: number }>
): Pick<IParameters, 'lines' | 'origins'> {
  const helper = [
    ...HYPERPARAMETER_HELPER,
    '_hp = _hyperparameters({',
    ...[...defaults].map(([name, { text }]) => `    ${pythonString(name)}: ${text},`),
    '})'
  ].join('\n').split('\n');
  const assignments = [...defaults].map(
    ([name]) => `${name} = _hp[${pythonString(name)}]`
  );
  return {
    lines: [...helper, ...assignments],
    origins: [
      ...helper.map(() => null),
      ...[...defaults.values()].map(({ line }) => line)
    ]
  };
}

/** Shown to the user in the script preview: keep it short and plain. */
const HYPERPARAMETER_HELPER = `\
# The job's hyperparameters (SM_HPS, else --name value arguments), else the notebook's values.
import argparse, ast, json, os


def _typed(value, default):
    """Give a value from the job the type of the notebook's value."""
    if isinstance(value, str) and not isinstance(default, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            pass  # plain text stays text
    if isinstance(default, bool):
        return str(value).lower() in ("true", "1")
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    if isinstance(default, int) and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _hyperparameters(defaults):
    if "SM_HPS" in os.environ:
        given = json.loads(os.environ["SM_HPS"])
    else:
        parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
        for name in defaults:  # the training toolkit passes one-letter names as -x
            parser.add_argument(("-" if len(name) == 1 else "--") + name, dest=name)
        given = vars(parser.parse_known_args()[0])
    return {
        name: default if given.get(name) is None else _typed(given[name], default)
        for name, default in defaults.items()
    }

`.split('\n');

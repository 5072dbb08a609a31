#!/usr/bin/env bash
# Type-checks src/ against the JupyterLab of .venv-compat (the oldest JupyterLab
# 4 of SageMaker notebook instances): every @jupyterlab/* and @lumino/* package
# at the version that JupyterLab release shipped, so a call to an API that came
# later fails here even on a code path the UI test never runs. The normal
# build type-checks against 4.6.
#
#   bash scripts/compat-typecheck.sh     # after scripts/compat-env.sh
#
# Installs those packages once into .venv-compat/typecheck/ (npm, ~15 s);
# anything else src/ imports resolves from the project's node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

LAB_PKG=.venv-compat/share/jupyter/lab/static/package.json
DIR=.venv-compat/typecheck
if [ ! -f "$LAB_PKG" ]; then
  echo "compat-typecheck: no $LAB_PKG; run scripts/compat-env.sh first." >&2
  exit 1
fi
mkdir -p "$DIR"

# package.json: the project's @jupyterlab/@lumino dependencies at the old
# lab's versions, and overrides pinning every such package in the tree.
node - "$LAB_PKG" "$DIR/package.json.new" <<'EOF'
const fs = require('fs');
const [labPkgPath, out] = process.argv.slice(2);
const lab = JSON.parse(fs.readFileSync(labPkgPath, 'utf8'));
const project = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const path = require('path');
const exact = r => r.replace(/^[~^]/, '');
const pinned = {};
for (const [name, range] of Object.entries(lab.resolutions || {})) {
  if (/^@(jupyterlab|lumino|jupyter)\//.test(name)) pinned[name] = exact(range);
}
// The versions the old lab really bundled, as registered in its share scope
// (its resolutions give only ranges for @lumino/*: ^2.0.0 where 2.1.1 shipped).
const staticDir = path.dirname(labPkgPath);
for (const file of fs.readdirSync(staticDir).filter(f => /^main\..*\.js$/.test(f))) {
  const text = fs.readFileSync(path.join(staticDir, file), 'utf8');
  for (const m of text.matchAll(/"(@(?:jupyterlab|lumino|jupyter)\/[a-z0-9-]+)","(\d+\.\d+\.\d+[^"]*)"/g)) {
    pinned[m[1]] = m[2];
  }
}
const dependencies = {};
for (const name of Object.keys(project.dependencies)) {
  if (/^@(jupyterlab|lumino)\//.test(name)) {
    if (!pinned[name]) throw new Error(`${name}: not in ${labPkgPath}`);
    dependencies[name] = pinned[name];
  }
}
for (const name of ['typescript', '@types/react']) {
  dependencies[name] = project.devDependencies[name];
}
dependencies.react = project.dependencies.react;
fs.writeFileSync(
  out,
  JSON.stringify({ name: 'compat-typecheck', private: true, dependencies, overrides: pinned }, null, 2) + '\n'
);
EOF
if ! cmp -s "$DIR/package.json.new" "$DIR/package.json" || [ ! -d "$DIR/node_modules" ]; then
  mv "$DIR/package.json.new" "$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
else
  rm "$DIR/package.json.new"
fi

# Bare imports try the old lab's packages first, then the project's.
cat > "$DIR/tsconfig.json" <<EOF
{
  "extends": "../../tsconfig.json",
  "compilerOptions": {
    "composite": false,
    "incremental": false,
    "declaration": false,
    "noEmit": true,
    "rootDir": "../../src",
    "baseUrl": ".",
    "paths": { "*": ["./node_modules/*", "./node_modules/@types/*"] },
    "types": []
  },
  "include": ["../../src/*", "../../src/**/*"],
  "exclude": ["../../src/**/__tests__/**"]
}
EOF
version="$(node -p "require('./$LAB_PKG').version")"
echo "compat-typecheck: src/ against JupyterLab $version's packages"
"$DIR/node_modules/.bin/tsc" -p "$DIR/tsconfig.json"
echo "compat-typecheck: OK"

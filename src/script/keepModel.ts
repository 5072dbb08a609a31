import { MODEL_DIR_PATH } from './modelSaves';
import { pythonString } from './pythonLiteral';
import { IScriptLayout } from './scriptLayout';
import { IModelSave } from './types';

/**
 * SageMaker keeps only SM_MODEL_DIR (`/opt/ml/model`, packed into
 * model.tar.gz); whatever a notebook saves elsewhere is gone when the
 * instance stops. The script gets two generated parts, switched on at run
 * time so the builder need not know the job's choices:
 *
 * - a prologue: when `/opt/ml/checkpoints` exists (SageMaker makes it only
 *   for a job with a checkpoint configuration, as spot jobs have), the
 *   Trainer's `output_dir` becomes a link to it, so checkpoints are synced
 *   to S3 and are back after a spot restart;
 * - an epilogue: when SM_MODEL_DIR is set (SageMaker and local jobs), after a
 *   run that got to the end, each saved path is copied into it: a folder's
 *   contents into the top of SM_MODEL_DIR (where Deploy looks for
 *   config.json), a file by its name.
 */
export function keepModel(layout: IScriptLayout, saves: IModelSave[]): IScriptLayout {
  const paths = [...new Set(saves.map(save => save.path))].filter(path => path !== MODEL_DIR_PATH);
  const outputDir = saves.find(
    save => save.how.includes('(output_dir=') && save.path !== MODEL_DIR_PATH
  )?.path;
  const lines = layout.script.replace(/\n$/, '').split('\n');
  const lineMap = [...layout.lineMap];
  if (outputDir !== undefined) {
    const prologue = checkpointsPrologue(outputDir);
    lines.splice(1, 0, ...prologue);
    lineMap.splice(1, 0, ...prologue.map(() => null));
  }
  if (paths.length > 0) {
    const epilogue = keepModelEpilogue(paths);
    lines.push(...epilogue);
    lineMap.push(...epilogue.map(() => null));
  }
  return { script: lines.join('\n') + '\n', lineMap };
}

/** What to tell a user who runs on spot with a Trainer, or null when the script has none. */
export function spotResumeNote(saves: IModelSave[]): string | null {
  const save = saves.find(s => s.how.includes('(output_dir=') && s.path !== MODEL_DIR_PATH);
  if (!save) {
    return null;
  }
  return (
    `cell ${save.cellIndex + 1} line ${save.line}: on spot, checkpoints in ${save.path} are kept in ` +
    '/opt/ml/checkpoints; to resume after an interruption, call ' +
    'trainer.train(resume_from_checkpoint=transformers.trainer_utils.get_last_checkpoint(args.output_dir)).'
  );
}

function checkpointsPrologue(outputDir: string): string[] {
  return [
    '',
    '# --- checkpoints (generated): with spot, output_dir lives in /opt/ml/checkpoints ---',
    'def _sagemaker_checkpoints_in(path):',
    '    import os',
    '    checkpoints = "/opt/ml/checkpoints"',
    '    if not os.path.isdir(checkpoints) or os.path.lexists(path):',
    '        return',
    '    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)',
    '    os.symlink(checkpoints, path)',
    '    print("sagemaker-nlp: %s is a link to %s, synced to S3" % (path, checkpoints), flush=True)',
    '',
    `_sagemaker_checkpoints_in(${pythonString(outputDir)})`
  ];
}

function keepModelEpilogue(paths: string[]): string[] {
  return [
    '',
    '# --- model (generated): copy what the notebook saved into SM_MODEL_DIR, which SageMaker keeps ---',
    'def _sagemaker_keep_model(paths):',
    '    import os',
    '    import shutil',
    '    model_dir = os.environ.get("SM_MODEL_DIR")',
    '    if not model_dir:',
    '        return',
    '    model_dir = os.path.realpath(model_dir)',
    '    for path in paths:',
    '        source = os.path.realpath(path)',
    '        if not os.path.exists(source):',
    '            print("sagemaker-nlp: %s was not saved, nothing to keep" % path, flush=True)',
    '            continue',
    '        inside = lambda a, b: a == b or a.startswith(b.rstrip(os.sep) + os.sep)',
    '        if inside(source, model_dir):',
    '            continue',
    '        if inside(model_dir, source):',
    '            print("sagemaker-nlp: %s holds SM_MODEL_DIR, so it is not copied into it" % path, flush=True)',
    '            continue',
    '        if os.path.isdir(source):',
    '            for folder, _, files in os.walk(source):',
    '                target = os.path.normpath(os.path.join(model_dir, os.path.relpath(folder, source)))',
    '                os.makedirs(target, exist_ok=True)',
    '                for name in files:',
    '                    shutil.copy2(os.path.join(folder, name), target)',
    '        else:',
    '            shutil.copy2(source, model_dir)',
    '        print("sagemaker-nlp: kept %s in %s" % (path, model_dir), flush=True)',
    '',
    '',
    `_sagemaker_keep_model([${paths.map(pythonString).join(', ')}])`
  ];
}

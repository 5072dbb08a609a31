import { HF_TASKS_BY_HEAD } from '../endpoints/hfTask';
import { Framework, ITrainingJob } from '../tokens';

/** Why a job's model cannot be loaded, or null when it can. */
export function whyNoModel(job: ITrainingJob): string | null {
  if (job.status !== 'Completed') {
    return 'Only a completed job has a model to load.';
  }
  if (!job.modelArtifact) {
    return 'This job saved no model (nothing was written to SM_MODEL_DIR).';
  }
  return null;
}

/**
 * Python that fetches a job's model artifact (`model.tar.gz`, in S3 or in
 * the local job folder), unpacks it under `models/<job>` next to the
 * notebook, and opens it the way its framework saves models.
 */
export function loadModelCode(job: ITrainingJob): string {
  const artifact = job.modelArtifact ?? '';
  const fromS3 = artifact.startsWith('s3://');
  const lines = [
    `# The model of training job ${job.name}`,
    'import glob',
    'import os',
    'import tarfile',
    ...(fromS3 ? ['', 'import boto3'] : []),
    '',
    `artifact = ${pythonString(artifact)}`,
    `model_dir = os.path.join("models", ${pythonString(job.name)})`,
    'os.makedirs(model_dir, exist_ok=True)',
    ...(fromS3
      ? [
          'archive_path = os.path.join(model_dir, "model.tar.gz")',
          'bucket, key = artifact[len("s3://"):].split("/", 1)',
          'boto3.client("s3").download_file(bucket, key, archive_path)'
        ]
      : ['archive_path = artifact']),
    'with tarfile.open(archive_path) as archive:',
    '    # "data" keeps every file inside model_dir (Python 3.12, 3.11.4+, 3.10.12+).',
    '    archive.extractall(model_dir, filter="data")',
    '',
    'def model_file(*endings):',
    '    """The first file of the model that ends so."""',
    '    files = sorted(glob.glob(os.path.join(model_dir, "**", "*"), recursive=True))',
    '    found = [path for path in files if path.endswith(endings)]',
    '    if not found:',
    '        raise FileNotFoundError(f"No {\' or \'.join(endings)} file in {model_dir}: {files}")',
    '    return found[0]',
    '',
    ...opener(job.framework)
  ];
  return lines.join('\n');
}

function opener(framework: Framework | undefined): string[] {
  switch (framework) {
    case 'sklearn':
      return ['import joblib', '', 'model = joblib.load(model_file(".joblib", ".pkl", ".pickle"))', 'model'];
    case 'huggingface':
      return [
        'from transformers import AutoConfig, pipeline',
        '',
        `TASKS = {${HF_TASKS_BY_HEAD.map(([head, task]) => `"${head}": "${task}"`).join(', ')}}`,
        'saved = os.path.dirname(model_file("config.json"))',
        'architecture = (AutoConfig.from_pretrained(saved).architectures or [""])[0]',
        'task = next((t for head, t in TASKS.items() if architecture.endswith(head)), "feature-extraction")',
        'model = pipeline(task, model=saved)',
        'model'
      ];
    case 'pytorch':
      return [
        'import torch',
        '',
        '# A state dict loads into its model class: model.load_state_dict(state).',
        '# weights_only=False also opens a whole pickled model; load only your own files so.',
        'state = torch.load(model_file(".pt", ".pth", ".bin"), map_location="cpu", weights_only=False)',
        'state'
      ];
    case 'tensorflow':
      return [
        'import tensorflow as tf',
        '',
        'saved = model_file(".keras", ".h5", "saved_model.pb")',
        'model = tf.keras.models.load_model(os.path.dirname(saved) if saved.endswith(".pb") else saved)',
        'model'
      ];
    case 'mxnet':
      return [
        'import mxnet as mx',
        '',
        'model = mx.gluon.SymbolBlock.imports(model_file("-symbol.json"), ["data"], model_file(".params"))',
        'model'
      ];
    default:
      return ['sorted(os.listdir(model_dir))'];
  }
}

/** A Python string literal of `text`: JSON's escapes are Python's too. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

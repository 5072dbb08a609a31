import { checkArg, ImageUriError } from './imageUriError';

/** "cpu" | "gpu" | "inf" | "trn" | "neuron", or a family name some configs use. */
export type Processor = string;

/** The SDK's `get_instance_type_family`: "ml.g5.xlarge" -> "g5", else "". */
export function instanceTypeFamily(instanceType: string | undefined): string {
  if (typeof instanceType !== 'string') {
    return '';
  }
  const match = /^ml[._]([a-z\d-]+)\.?\w*$/.exec(instanceType);
  return match ? match[1] : '';
}

/**
 * The processor an instance type runs images for, as the SDK's `_processor`
 * decides it: ml.g* / ml.p* -> gpu, ml.inf* -> inf, ml.trn* -> trn, other ml.*
 * -> cpu; "local" -> cpu, other "local…" (e.g. "local_gpu") -> gpu.
 */
export function processorFor(instanceType: string): Processor {
  return processorAmong(instanceType, []);
}

/** As `processorFor`, preferring a family the config names as a processor. */
function processorAmong(
  instanceType: string,
  available: readonly string[]
): Processor {
  if (instanceType.startsWith('local')) {
    return instanceType === 'local' ? 'cpu' : 'gpu';
  }
  if (instanceType.startsWith('neuron')) {
    return 'neuron';
  }
  const family = instanceTypeFamily(instanceType);
  if (!family) {
    throw new ImageUriError(
      `Invalid SageMaker instance type: ${instanceType}. Use one like ml.m5.xlarge, ` +
        'or "local" / "local_gpu"; see https://aws.amazon.com/sagemaker/pricing/instance-types'
    );
  }
  if (available.includes(family)) {
    return family;
  }
  if (family.startsWith('inf')) {
    return 'inf';
  }
  if (family.startsWith('trn')) {
    return 'trn';
  }
  return family[0] === 'g' || family[0] === 'p' ? 'gpu' : 'cpu';
}

/**
 * The processor of the image for an instance type, among those a config
 * offers (the SDK's `_processor`). Null when the config names none.
 */
export function selectProcessor(
  instanceType: string | undefined,
  available: readonly string[] | undefined,
  serverless: boolean,
  context: string
): Processor | null {
  if (!available || available.length === 0) {
    return null;
  }
  if (available.length === 1 && !instanceType) {
    return available[0];
  }
  if (serverless) {
    return 'cpu';
  }
  if (!instanceType) {
    throw new ImageUriError(
      `An instance type is needed for ${context}: ` +
        `its images differ by processor (${available.join(', ')})`,
      available
    );
  }
  const processor = processorAmong(instanceType, available);
  checkArg(processor, available, 'processor', `${context} (instance ${instanceType})`);
  return processor;
}

/** The SDK's `_get_inference_tool`: Inferentia and Trainium instances use Neuron. */
export function inferenceToolFor(
  inferenceTool: string | undefined,
  instanceType: string | undefined
): string | undefined {
  if (!inferenceTool) {
    const family = instanceTypeFamily(instanceType);
    if (family.startsWith('inf') || family.startsWith('trn')) {
      return 'neuron';
    }
  }
  return inferenceTool;
}

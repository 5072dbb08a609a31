import type { Framework } from '../tokens';

/**
 * Shapes of the generated catalog data (`./data/`) and of the questions asked
 * of it. The data mirrors `sagemaker/image_uri_config/*.json` of the
 * SageMaker Python SDK v2, with registry maps stored once and referred to by
 * index.
 */

/** The SDK's framework ids for the frameworks the extension offers. */
export type FrameworkId = Framework;

/** Image scopes the catalog holds (Elastic Inference, "eia", is left out). */
export type ImageScope = 'training' | 'inference' | 'inference_graviton';

/** "neuron" / "neuronx": the SDK's `inference_tool`. */
export type InferenceTool = 'neuron' | 'neuronx';

/** The arguments of `sagemaker.image_uris.retrieve` the catalog mirrors. */
export interface IImageUriRequest {
  framework: string;
  region: string;
  /** As the user wrote it: "2.1" stays "2.1" in the tag. */
  version: string;
  pyVersion?: string;
  /** "ml.g5.xlarge", "local", "local_gpu"… May be left out for serverless. */
  instanceType?: string;
  /** Left out only for sklearn, where the SDK defaults to training. */
  imageScope?: ImageScope;
  /** Hugging Face only: "pytorch2.1.0", "tensorflow2.6.3" (or short "pytorch2.1"). */
  baseFrameworkVersion?: string;
  /** The SDK's `container_version`, e.g. "cu110-ubuntu18.04" as its HF estimator passes on GPU. */
  containerVersion?: string;
  /** Only whether it has an `smdistributed` key matters here, as in the SDK. */
  distribution?: Record<string, unknown>;
  inferenceTool?: InferenceTool;
  /** A serverless endpoint: the SDK picks the CPU image. */
  serverless?: boolean;
}

/** One image: where it lives and how its tag is built. */
export interface IImageConfig {
  repository: string;
  /** Index into REGISTRIES. */
  registries: number;
  pyVersions?: string[];
  /** Tag suffix by processor. */
  containerVersion?: Record<string, string>;
  tagPrefix?: string;
  processors?: string[];
  /** Neuron SDK versions; the newest is put in the tag. */
  sdkVersions?: string[];
}

/** Older versions hold one image per Python version. */
export interface IByPyVersion {
  byPyVersion: Record<string, IImageConfig>;
}

export type VersionConfig = IImageConfig | IByPyVersion;

/** A Hugging Face transformers version: images per base framework version. */
export interface IHuggingFaceVersion {
  /** "pytorch1.9" -> "pytorch1.9.1" */
  baseAliases?: Record<string, string>;
  byBaseFramework: Record<string, VersionConfig>;
}

export interface IScopeConfig {
  processors?: string[];
  versionAliases?: Record<string, string>;
  versions: Record<string, VersionConfig | IHuggingFaceVersion>;
}

export interface IFrameworkConfig {
  /** Every scope the SDK's config names, including those left out here. */
  scopes: string[];
  configs: Partial<Record<string, IScopeConfig>>;
}

/** The ECR hostname of each region images are published in. */
export interface IEcrDomains {
  /** Regions whose hostname is `ecr.<region>.<suffix>`. */
  regionsByDnsSuffix: Record<string, string[]>;
  hostnameOverrides: Record<string, string>;
}

/** Constants and data literals that `sagemaker.image_uris` keeps in code. */
export interface ISdkRules {
  gravitonFamilies: string[];
  gravitonFrameworks: string[];
  /** A string the SDK tests with `in`, i.e. a substring test. */
  trainiumFrameworks: string;
  containerVersionSuffixFrameworks: string[];
  /** Repositories whose tag carries the Neuron SDK version. */
  sdkVersionRepositories: string[];
  huggingFaceNeuronRepositories: string[];
  /** "<framework>-<tag>" -> suffix added on p4d or with smdistributed. */
  autoContainerVersions: Record<string, string>;
  arm64Tags: Record<string, Record<string, string>>;
  /** Framework -> first version the SDK refuses on p2 instances. */
  p2DeprecatedFrom: Record<string, string>;
  /** What `get_training_image_uri` passes as container version for Hugging Face on GPU. */
  huggingFaceGpuContainerVersion: string;
}

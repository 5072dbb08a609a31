import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import {
  baseFrameworkVersionsFor,
  frameworkVersions,
  pyVersionsFor,
  trainingInstanceTypesFor
} from '../../catalog';
import { IAwsTarget } from '../../training/checkChoices';
import { ITrainChoices } from '../../training/choices';
import { makeJobName } from '../../training/jobName';
import { isS3Location } from '../../training/plan';
import { channelS3Uri } from '../../training/sagemakerOptions';
import {
  ISageMakerChoices,
  sageMakerChannels
} from '../../training/sagemakerChoices';
import { DistributionType } from '../../tokens';
import type { IPriceLookup } from '../../aws/prices';
import { ChannelsEditor } from './ChannelsEditor';
import { NumberField, Select, TextArea, TextField } from './fields';
import { MaxCost } from './MaxCost';


const DISTRIBUTIONS: { id: DistributionType; label: string }[] = [
  { id: 'none', label: 'None' },
  { id: 'torch_distributed', label: 'torchrun (torch_distributed)' },
  { id: 'smdistributed', label: 'SageMaker data parallel (smdistributed)' },
  { id: 'mpi', label: 'MPI' }
];

/**
 * The SageMaker choices: only versions, Python versions and instance types
 * the image catalog has for this region are offered.
 */
export function SageMakerFields(props: {
  choices: ITrainChoices;
  setup: IAwsTarget;
  trans: TranslationBundle;
  update: (patch: Partial<ITrainChoices>) => void;
  /** Instance prices for the maximum cost; null: "price unknown". */
  prices?: IPriceLookup | null;
}): JSX.Element {
  const { choices, setup, trans, update } = props;
  const sm = choices.sagemaker;
  const setSm = (patch: Partial<ISageMakerChoices>) =>
    update({ sagemaker: { ...sm, ...patch } });
  const framework = choices.framework;
  const versions = frameworkVersions(framework, 'training').reverse();
  const bases =
    framework === 'huggingface'
      ? baseFrameworkVersionsFor(choices.frameworkVersion, 'training')
      : [];
  const baseFrameworkVersion =
    framework === 'huggingface' ? sm.baseFrameworkVersion : undefined;
  const pyVersions = pyVersionsFor(
    framework,
    choices.frameworkVersion,
    'training',
    baseFrameworkVersion
  );
  const instanceTypes = trainingInstanceTypesFor({
    framework,
    region: setup.region,
    version: choices.frameworkVersion,
    pyVersion: choices.pyVersion,
    imageScope: 'training',
    baseFrameworkVersion
  });

  // One set of channels on both targets: SageMaker may give a channel an S3 URI instead of its folder.
  const channels = sageMakerChannels(choices.channels, sm.channels);
  const setChannels = (next: Record<string, string>) =>
    update({
      channels: Object.fromEntries(
        Object.entries(choices.channels).filter(([name]) => name in next)
      ),
      sagemaker: { ...sm, channels: next }
    });
  return (
    <div className="jp-SageMakerNLP-sagemaker">
      <p className="jp-SageMakerNLP-hint">
        {trans.__(
          'Region %1 · role %2 · bucket %3 (change them in Settings → SageMaker NLP training)',
          setup.region,
          setup.roleArn,
          setup.bucket
        )}
      </p>
      <div className="jp-SageMakerNLP-grid">
        <Select
          label={trans.__('Framework version')}
          name="sm-frameworkVersion"
          value={choices.frameworkVersion}
          options={versions}
          onChange={frameworkVersion => update({ frameworkVersion })}
        />
        {framework === 'huggingface' && (
          <Select
            label={trans.__('Base framework')}
            name="sm-baseFrameworkVersion"
            value={sm.baseFrameworkVersion}
            options={bases}
            onChange={baseFrameworkVersion => setSm({ baseFrameworkVersion })}
          />
        )}
        <Select
          label={trans.__('Python')}
          name="sm-pyVersion"
          value={choices.pyVersion}
          options={pyVersions}
          onChange={pyVersion => update({ pyVersion })}
        />
        <Select
          label={trans.__('Instance type')}
          name="sm-instanceType"
          value={choices.instanceType}
          options={instanceTypes}
          onChange={instanceType => update({ instanceType })}
        />
        <NumberField
          label={trans.__('Instance count')}
          name="sm-instanceCount"
          value={choices.instanceCount}
          onChange={instanceCount => update({ instanceCount })}
        />
        <NumberField
          label={trans.__('Volume (GB)')}
          name="sm-volume"
          value={sm.volumeSizeGB}
          onChange={volumeSizeGB => setSm({ volumeSizeGB })}
        />
        <NumberField
          label={trans.__('Max runtime (s)')}
          name="sm-maxRuntime"
          value={sm.maxRuntimeSeconds}
          onChange={maxRuntimeSeconds => setSm({ maxRuntimeSeconds })}
        />
        <label className="jp-SageMakerNLP-inline">
          <input
            type="checkbox"
            name="sm-spot"
            checked={sm.useSpot}
            onChange={e => setSm({ useSpot: e.target.checked })}
          />
          {trans.__('Spot instances')}
        </label>
        <NumberField
          label={trans.__('Max wait incl. spot (s)')}
          name="sm-maxWait"
          value={sm.maxWaitSeconds}
          disabled={!sm.useSpot}
          onChange={maxWaitSeconds => setSm({ maxWaitSeconds })}
        />
        <Select
          label={trans.__('Distribution')}
          name="sm-distribution"
          value={sm.distribution}
          options={DISTRIBUTIONS.map(d => d.id)}
          labels={DISTRIBUTIONS.map(d => trans.__(d.label))}
          onChange={distribution =>
            setSm({ distribution: distribution as DistributionType })
          }
        />
        {sm.distribution === 'mpi' && (
          <NumberField
            label={trans.__('Processes per host')}
            name="sm-processesPerHost"
            value={sm.processesPerHost}
            onChange={processesPerHost => setSm({ processesPerHost })}
          />
        )}
      </div>
      <MaxCost
        prices={props.prices ?? null}
        region={setup.region}
        instanceType={choices.instanceType}
        instanceCount={choices.instanceCount}
        maxRuntimeSeconds={sm.maxRuntimeSeconds}
        spot={sm.useSpot}
        trans={trans}
      />
      <h4>{trans.__('Input channels')}</h4>
      <ChannelsEditor
        channels={channels}
        placeholder={trans.__('s3://bucket/prefix, or a folder to upload')}
        trans={trans}
        onChange={setChannels}
        describe={(name, location) =>
          location.trim() && !isS3Location(location)
            ? trans.__(
                'The folder %1 will be uploaded to %2 (only files that changed).',
                location,
                channelS3Uri(makeJobName(choices.jobBaseName), name, setup)
              )
            : null
        }
      />
      <div className="jp-SageMakerNLP-grid">
        <TextField
          label={trans.__('Output path (empty: s3://%1/)', setup.bucket)}
          name="sm-outputPath"
          value={sm.outputPath}
          onChange={outputPath => setSm({ outputPath })}
        />
        <TextField
          label={trans.__('VPC subnets')}
          name="sm-subnets"
          value={sm.subnets}
          onChange={subnets => setSm({ subnets })}
        />
        <TextField
          label={trans.__('Security groups')}
          name="sm-securityGroups"
          value={sm.securityGroupIds}
          onChange={securityGroupIds => setSm({ securityGroupIds })}
        />
        <TextField
          label={trans.__('KMS key (volume and output)')}
          name="sm-kms"
          value={sm.kmsKeyId}
          onChange={kmsKeyId => setSm({ kmsKeyId })}
        />
        <TextArea
          label={trans.__('Environment (NAME=value lines)')}
          name="sm-environment"
          value={sm.environment}
          onChange={environment => setSm({ environment })}
        />
        <TextArea
          label={trans.__('Tags (key=value lines)')}
          name="sm-tags"
          value={sm.tags}
          onChange={tags => setSm({ tags })}
        />
      </div>
    </div>
  );
}

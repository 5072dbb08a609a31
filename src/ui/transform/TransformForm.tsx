import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { HF_TASKS } from '../../endpoints/deployChoices';
import {
  checkTransformRequest,
  CONTENT_TYPES,
  LOCAL_SPLIT_TYPES,
  SAGEMAKER_SPLIT_TYPES
} from '../../transform/choices';
import { ITrainingJob, ITransformRequest, TransformSplitType } from '../../tokens';
import { askUntilValid, Problems, useFormValue } from '../dialog/askUntilValid';
import { NumberField, Select, TextField } from '../dialog/fields';

interface IFormProps {
  job: ITrainingJob;
  initial: ITransformRequest;
  problems: string[];
  trans: TranslationBundle;
  onChange: (request: ITransformRequest) => void;
}

/** What a batch transform reads, how it cuts it into requests, and where the answers go. */
export function TransformForm({ job, initial, problems, trans, onChange }: IFormProps): JSX.Element {
  const [request, change] = useFormValue(initial, onChange);
  const local = job.target === 'local';
  return (
    <div className="jp-SageMakerNLP-trainForm jp-SageMakerNLP-transformForm">
      <Problems problems={problems} />
      <p className="jp-SageMakerNLP-note">
        {local
          ? trans.__(
              'Every file of the input folder goes to the model of %1, served here as a local endpoint serves it; each answer file is written to the output folder as <file>.out.',
              job.name
            )
          : trans.__(
              'Every object under the S3 prefix goes to the model %1 on SageMaker instances; each answer is written under the output path as <object>.out.',
              request.modelName ?? trans.__('of %1', job.name)
            )}
      </p>
      <TextField
        label={local ? trans.__('Input folder') : trans.__('Input (S3 prefix)')}
        name="input"
        value={request.input}
        placeholder={local ? 'examples/data/score' : 's3://my-bucket/reviews/to-score/'}
        onChange={input => change({ input })}
      />
      <TextField
        label={local ? trans.__('Output folder (optional)') : trans.__('Output path (optional)')}
        name="output"
        value={request.output ?? ''}
        placeholder={
          local
            ? trans.__('transform-output/<transform job> beside the input')
            : trans.__('s3://<default bucket>/<transform job>')
        }
        onChange={output => change({ output: output.trim() ? output : undefined })}
      />
      <Select
        label={trans.__('Content type')}
        name="contentType"
        value={request.contentType}
        options={CONTENT_TYPES}
        onChange={contentType => change({ contentType })}
      />
      <Select
        label={trans.__('Split')}
        name="splitType"
        value={request.splitType}
        options={local ? LOCAL_SPLIT_TYPES : SAGEMAKER_SPLIT_TYPES}
        labels={[
          trans.__('None: a file is one record'),
          trans.__('Line: a line is one record'),
          'RecordIO',
          'TFRecord'
        ]}
        onChange={splitType => change({ splitType: splitType as TransformSplitType })}
      />
      <Select
        label={trans.__('Records per request')}
        name="strategy"
        value={request.strategy ?? ''}
        options={['', 'SingleRecord', 'MultiRecord']}
        labels={[
          trans.__('SageMaker default'),
          trans.__('One (SingleRecord)'),
          trans.__('As many as fit (MultiRecord)')
        ]}
        onChange={strategy =>
          change({ strategy: (strategy || undefined) as ITransformRequest['strategy'] })
        }
      />
      <Select
        label={trans.__('Assemble answers')}
        name="assembleWith"
        value={request.assembleWith ?? 'None'}
        options={['None', 'Line']}
        labels={[trans.__('None: as they come'), trans.__('Line: one line each')]}
        onChange={assembleWith =>
          change({ assembleWith: assembleWith as ITransformRequest['assembleWith'] })
        }
      />
      {!local && (
        <>
          <TextField
            label={trans.__('Instance type')}
            name="instanceType"
            value={request.instanceType ?? ''}
            onChange={instanceType => change({ instanceType })}
          />
          <NumberField
            label={trans.__('Instance count')}
            name="instanceCount"
            value={request.instanceCount ?? 1}
            onChange={instanceCount => change({ instanceCount })}
          />
        </>
      )}
      {job.framework === 'huggingface' && (
        <Select
          label={trans.__('Task (HF_TASK)')}
          name="hfTask"
          value={request.hfTask ?? ''}
          options={['', ...HF_TASKS]}
          labels={[trans.__('From the model’s config.json'), ...HF_TASKS]}
          onChange={hfTask => change({ hfTask: hfTask || undefined })}
        />
      )}
    </div>
  );
}

/** Asks what to transform; bad choices bring the dialog back with the problems named. Null: cancelled. */
export function askTransformRequest(
  job: ITrainingJob,
  initial: ITransformRequest,
  trans: TranslationBundle
): Promise<ITransformRequest | null> {
  return askUntilValid({
    title: trans.__('Batch transform with %1', job.name),
    form: props => <TransformForm {...props} job={job} trans={trans} />,
    initial,
    check: request => checkTransformRequest(job, request),
    accept: trans.__('Start'),
    focus: 'input[name="input"]',
    trans
  });
}

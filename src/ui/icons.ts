import { LabIcon } from '@jupyterlab/ui-components';
import sageMakerNLPSvg from '../../style/icons/sagemaker-nlp.svg';

/** The extension's icon: the Training jobs tab and the toolbar button. */
export const sageMakerNLPIcon = new LabIcon({
  name: 'jupyterlab-sagemaker-nlp:logo',
  svgstr: sageMakerNLPSvg
});

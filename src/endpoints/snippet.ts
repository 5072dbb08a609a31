import { IEndpoint } from '../tokens';
import { invokeRequest } from './invoke';

/** An input to show in the snippet, in the shape the endpoint reads. */
const EXAMPLE_TEXT = 'Great kettle, works perfectly!';

/**
 * Python that calls the endpoint from the notebook: boto3's
 * sagemaker-runtime and the SageMaker SDK's Predictor for a SageMaker
 * endpoint; the Jupyter server's invocations route for a local one.
 */
export function endpointSnippet(endpoint: IEndpoint, region: string | null): string {
  const body = invokeRequest(EXAMPLE_TEXT, endpoint.framework).body;
  const name = JSON.stringify(endpoint.name);
  if (endpoint.target === 'local') {
    return [
      `# Call local endpoint ${endpoint.name}, served by this Jupyter server`,
      'import json',
      '',
      'import requests',
      'from jupyter_server import serverapp',
      '',
      'server = next(serverapp.list_running_servers())',
      'answer = requests.post(',
      `    server["url"] + "sagemaker-nlp/local/endpoints/" + ${name} + "/invocations",`,
      '    headers={"Authorization": "token " + server["token"], "Content-Type": "application/json"},',
      `    data=json.dumps(${body}),`,
      ')',
      'answer.raise_for_status()',
      'answer.json()'
    ].join('\n');
  }
  return [
    `# Call endpoint ${endpoint.name}`,
    'import json',
    '',
    'import boto3',
    '',
    `runtime = boto3.client("sagemaker-runtime"${region ? `, region_name=${JSON.stringify(region)}` : ''})`,
    'answer = runtime.invoke_endpoint(',
    `    EndpointName=${name},`,
    '    ContentType="application/json",',
    `    Body=json.dumps(${body}),`,
    ')',
    'print(json.loads(answer["Body"].read()))',
    '',
    '# The same with the SageMaker Python SDK:',
    'from sagemaker.deserializers import JSONDeserializer',
    'from sagemaker.predictor import Predictor',
    'from sagemaker.serializers import JSONSerializer',
    '',
    `predictor = Predictor(${name}, serializer=JSONSerializer(), deserializer=JSONDeserializer())`,
    `predictor.predict(${body})`
  ].join('\n');
}

/**
 * Client formats that name the model in the URL (and pick streaming by the URL): Gemini, Bedrock
 * InvokeModel and Converse, Vertex rawPredict. Their bodies carry no model.
 */
export type UrlModelFormat = 'gemini' | 'bedrock-invoke' | 'bedrock-converse' | 'vertex-anthropic';

export function isUrlModelFormat(format: string): format is UrlModelFormat {
  return (
    format === 'gemini' || format === 'bedrock-invoke' || format === 'bedrock-converse' || format === 'vertex-anthropic'
  );
}

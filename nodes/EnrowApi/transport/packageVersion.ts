/**
 * This package as Enrow's refusals quote it ("this version of the node and Enrow's API
 * disagree"). `npm test` and `npm run release` check it against package.json.
 */
export const ENROW_PACKAGE = {
	name: 'n8n-nodes-enrow',
	version: '0.1.0',
	issues: 'https://github.com/n8n-nodes-enrow/n8n-nodes-enrow/issues',
};

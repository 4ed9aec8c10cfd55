import { NodeOperationError, type INode } from 'n8n-workflow';

import { ENROW_BASE_URL } from '../../EnrowApi/transport';

/** Loopback, private, link-local and unique-local addresses, and names that only resolve locally. */
const NOT_PUBLIC_HOST =
	/^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f]*:.*\]|\[fe80:.*\])$/i;

/** Why Enrow could never call `resumeUrl`, or undefined when it can. Enrow only calls public HTTPS URLs. */
function unreachableBecause(resumeUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(resumeUrl);
	} catch {
		return 'it is not a URL';
	}
	if (url.protocol !== 'https:') return 'it is not HTTPS';
	if (NOT_PUBLIC_HOST.test(url.hostname)) return 'it names a local or private address';
	return undefined;
}

/**
 * Wait mode "Pause and resume" against Enrow's own API: a resume URL Enrow can never call
 * would leave the execution waiting until its timeout, so the run starts nothing and says
 * how to fix it (README, "Wait modes"). Against another Base URL (a proxy, the simulator) it proceeds.
 */
export function resumeUrlRefusal(
	node: INode,
	baseUrl: string,
	resumeUrl: string,
): NodeOperationError | undefined {
	if (baseUrl.replace(/\/+$/, '') !== ENROW_BASE_URL) return undefined;
	const because = unreachableBecause(resumeUrl);
	if (!because) return undefined;
	const shown = resumeUrl.replace(/([?&]signature=)[^&]+/, '$1…');
	return new NodeOperationError(
		node,
		'Enrow cannot call this n8n back: its resume URL is not public HTTPS',
		{
			itemIndex: 0,
			description:
				`The resume URL ${shown} cannot be reached from the internet (${because}). ` +
				'Enrow only calls public HTTPS URLs. Set n8n\'s WEBHOOK_URL to its public HTTPS address (for example https://n8n.example.com/) and restart n8n, or choose Wait Mode "Poll Until Done". Nothing was sent to Enrow.',
		},
	);
}

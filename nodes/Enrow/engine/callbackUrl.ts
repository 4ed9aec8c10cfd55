/**
 * The path this node's wait adds to the execution's resume URL. n8n's Wait node ("On Webhook
 * Call") later in the same execution shares `$execution.resumeUrl`; n8n resumes only a waiting
 * node whose webhook path matches the URL's, so a late Enrow callback (for a run that finished
 * before it paused) cannot resume that other node: it gets 404.
 */
export const ENROW_CALLBACK_PATH = 'enrow-callback';

/** `<base>webhook-waiting/<execution>?signature=…` → `<base>webhook-waiting/<execution>/enrow-callback?signature=…` */
export function enrowCallbackUrl(resumeUrl: string): string {
	const query = resumeUrl.indexOf('?');
	const path = query === -1 ? resumeUrl : resumeUrl.slice(0, query);
	const rest = query === -1 ? '' : resumeUrl.slice(query);
	return `${path.replace(/\/+$/, '')}/${ENROW_CALLBACK_PATH}${rest}`;
}

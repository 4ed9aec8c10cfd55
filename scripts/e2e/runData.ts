/** The shapes of n8n's run data the end-to-end tests read, and helpers to read them. */

export type ExecutionStatus =
	| 'canceled'
	| 'crashed'
	| 'error'
	| 'new'
	| 'running'
	| 'success'
	| 'unknown'
	| 'waiting';

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

/** The parts of n8n's IRunExecutionData the tests read. */
export interface RunExecutionData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main: Array<OutputItem[] | null> }; error?: unknown }>
		>;
		error?: { message: string; description?: string };
		lastNodeExecuted?: string;
	};
}

/** What `n8n execute` prints (n8n's IRun). */
export interface ExecutionRun {
	data: RunExecutionData;
	status?: ExecutionStatus;
	finished?: boolean;
}

/** `GET /api/v1/executions/:id` of n8n's public API. */
export interface PublicExecution {
	id: number | string;
	status: ExecutionStatus;
	finished: boolean;
	mode: string;
	workflowId: string;
	waitTill: string | null;
	startedAt: string | null;
	stoppedAt: string | null;
	/** The execution's custom data (`this.customData` in a node), as the executions list shows it. */
	customData?: Record<string, string>;
	/** Present with `includeData`. */
	data?: RunExecutionData;
}

/** Output items of a node's last run (first output). Throws, naming what ran, if it did not run. */
export function nodeOutput(data: RunExecutionData | undefined, nodeName: string): OutputItem[] {
	const runs = data?.resultData.runData[nodeName];
	if (!runs?.length) {
		const ran = Object.keys(data?.resultData.runData ?? {}).join(', ') || 'none';
		const error = data?.resultData.error?.message ?? 'none';
		throw new Error(`Node "${nodeName}" did not run (nodes that ran: ${ran}; error: ${error})`);
	}
	return runs[runs.length - 1].data?.main[0] ?? [];
}

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON on stdout, for a failed run too (then
 * through n8n's logger); other log lines can come before or after it. Finds the JSON object
 * that holds `data.resultData`.
 */
export function extractRunJson(stdout: string): ExecutionRun | undefined {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end] !== '}') continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
				if (parsed?.data?.resultData) return parsed;
			} catch {
				// Not this span.
			}
		}
	}
	return undefined;
}

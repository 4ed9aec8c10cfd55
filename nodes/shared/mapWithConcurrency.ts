/**
 * Runs `work` over `inputs` with at most `concurrency` calls in flight and returns the
 * results in input order, whatever order they finish in.
 */
export async function mapWithConcurrency<In, Out>(
	inputs: readonly In[],
	concurrency: number,
	work: (input: In, index: number) => Promise<Out>,
): Promise<Out[]> {
	const results = new Array<Out>(inputs.length);
	let next = 0;
	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			while (next < inputs.length) {
				const index = next++;
				results[index] = await work(inputs[index], index);
			}
		}),
	);
	return results;
}

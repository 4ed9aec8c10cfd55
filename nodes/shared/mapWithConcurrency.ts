/**
 * Runs `work` over `inputs` with at most `concurrency` calls in flight and returns the
 * results in input order, whatever order they finish in. One at a time (a limit or a count
 * of 1), it is a plain loop: `work` is called from here, not from a worker in between.
 */
export async function mapWithConcurrency<In, Out>(
	inputs: readonly In[],
	concurrency: number,
	work: (input: In, index: number) => Promise<Out>,
): Promise<Out[]> {
	const results = new Array<Out>(inputs.length);
	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	if (lanes === 1) {
		for (let index = 0; index < inputs.length; index++)
			results[index] = await work(inputs[index], index);
		return results;
	}
	let next = 0;
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

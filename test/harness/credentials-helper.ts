/**
 * A credentials helper for tests, modelled on what n8n's own CredentialsHelper
 * (packages/cli/src/credentials-helper.ts) does at run time, minus the database and encryption:
 *
 * - `getDecrypted` returns the test's credential data for the type, with the credential type's
 *   property defaults filled in (a user who never touched "Base URL" gets its default) and
 *   `={{ ... }}` expressions in credential values resolved, as n8n does.
 * - `authenticate` applies the credential type's `authenticate`: the function form is called; the
 *   generic form (`{ type: 'generic', properties: { headers | qs | body | auth: { key: value } } }`)
 *   resolves each key and value with the workflow's expression engine against `$credentials` and
 *   writes it into the request options, mutating them in place like n8n does.
 * - `preAuthentication` follows n8n's rule: only when the type has a hidden `expirable` property and
 *   that property is empty (or the caller says the credential expired after a 401).
 * - `updateCredentials` keeps the new data in memory (visible to later requests of the same run).
 */
import { ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Credentials, getAdditionalKeys } from 'n8n-core';

import { testNode } from '../support/testNode';

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	/** Every request option object that went through `authenticate`, after authentication. */
	readonly authenticatedRequests: IHttpRequestOptions[] = [];

	/** How many times a node had the credential decrypted (n8n reads its database each time). */
	decryptions = 0;

	constructor(
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
		credentialTypes: ICredentialType[] = [],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [name, value] of Object.entries(credentials)) this.data.set(name, { ...value });
	}

	private getType(typeName: string): ICredentialType | undefined {
		return this.types.get(typeName);
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.getType(typeName)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.getType(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(name) => nodeType === name || nodeType.endsWith(`.${name}`),
		);
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getType(typeName);
		if (!type) return [];
		const combined: INodeProperties[] = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		// Only used by n8n for OAuth token updates and pre-authentication persistence; the data is
		// not encrypted here, so hand back an empty Credentials object like n8n's test harness does.
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions += 1;
		const stored = this.data.get(type);
		if (stored === undefined) {
			// n8n throws CredentialNotFoundError here (the node has a credential id that is not in the DB).
			throw new Error(`Credential with ID "test-${type}" does not exist for type "${type}".`);
		}
		if (raw === true) return { ...stored };

		let decrypted: ICredentialDataDecryptedObject;
		if (this.getType(type)) {
			// As n8n: the type's declared properties with their defaults; undeclared keys are dropped
			// except the few n8n carries over explicitly.
			const properties = this.getCredentialsProperties(type);
			decrypted = (NodeHelpers.getNodeParameters(
				properties,
				{ ...stored } as INodeParameters,
				true,
				false,
				null,
				null,
			) ?? {}) as ICredentialDataDecryptedObject;
			for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
				if (decrypted[key] === undefined && stored[key] !== undefined) decrypted[key] = stored[key];
			}
		} else {
			// Type not given to the harness: no defaults to apply, pass the data through.
			decrypted = { ...stored };
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decrypted = expressionResolveValues.workflow.expression.getParameterValue(
					decrypted as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decrypted,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else if (Object.values(decrypted).some((value) => isExpression(value))) {
			// No item context (e.g. getCredentials() inside webhook()): n8n resolves against a mock node.
			const mockNode = testNode('credentials-mock', '', 'mock');
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: {
					getByName: () => undefined as unknown as INodeType,
					getByNameAndVersion: () => undefined as unknown as INodeType,
					getKnownTypes: () => ({}),
				},
			});
			decrypted = workflow.expression.getComplexParameterValue(
				mockNode,
				decrypted as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.getType(typeName);
		if (!type) {
			throw new Error(
				`Harness: credential type "${typeName}" is unknown; pass an instance in runNode({ credentialTypes: [...] })`,
			);
		}
		const { authenticate } = type;
		let result = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			result = await authenticate(credentials, requestOptions as IHttpRequestOptions);
		} else if (authenticate && typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new Error('Workflow and node are required for declarative credential authentication');
			}
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<
					string,
					Record<string, unknown> | undefined
				>;
				for (const [section, entries] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
						const keyResolved = this.resolve(key, credentials, workflow, node);
						const valueResolved = this.resolve(value as string, credentials, workflow, node);
						if (!target[section]) target[section] = {};
						(target[section] as Record<string, unknown>)[keyResolved] = valueResolved;
					}
				}
			}
		}
		this.authenticatedRequests.push(result);
		return result;
	}

	/** Like n8n: non-expressions pass through; expressions resolve with `$credentials`; falsy → ''. */
	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const additionalKeys = { $credentials: credentials } as IWorkflowDataProxyAdditionalKeys;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!resolved) return '';
		return resolved.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.getType(typeName)?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		if (output?.[expirable.name] === undefined) return undefined;
		const current = this.data.get(typeName) ?? {};
		this.data.set(typeName, { ...current, ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (!type || typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.data.set(type, { ...data });
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const current = this.data.get(type) ?? {};
		this.data.set(type, { ...current, oauthTokenData: data.oauthTokenData });
	}
}

/** The simulated remote endpoints, keyed 'METHOD /path'. */
import type { Reply, RequestContext } from './http';
import type { SimulatorState } from './state';
import { ACCOUNT_PATH, getAccountInfo } from './enrow/account';
import {
	FIND_BULK_PATH,
	FIND_SINGLE_PATH,
	getFindBulk,
	getFindSingle,
	postFindBulk,
	postFindSingle,
} from './enrow/emailFinder';
import {
	VERIFY_BULK_PATH,
	VERIFY_SINGLE_PATH,
	getVerifyBulk,
	getVerifySingle,
	postVerifyBulk,
	postVerifySingle,
} from './enrow/emailVerifier';
import {
	PHONE_BULK_PATH,
	PHONE_SINGLE_PATH,
	getPhoneBulk,
	getPhoneSingle,
	postPhoneBulk,
	postPhoneSingle,
} from './enrow/phoneFinder';
import { VEC_PATH, verifySingle } from './validEmailChecker/verifySingle';

export type ApiHandler = (ctx: RequestContext, state: SimulatorState) => Reply | Promise<Reply>;

export const API_ROUTES: Record<string, ApiHandler> = {
	[`POST ${FIND_SINGLE_PATH}`]: postFindSingle,
	[`GET ${FIND_SINGLE_PATH}`]: getFindSingle,
	[`POST ${FIND_BULK_PATH}`]: postFindBulk,
	[`GET ${FIND_BULK_PATH}`]: getFindBulk,
	[`POST ${VERIFY_SINGLE_PATH}`]: postVerifySingle,
	[`GET ${VERIFY_SINGLE_PATH}`]: getVerifySingle,
	[`POST ${VERIFY_BULK_PATH}`]: postVerifyBulk,
	[`GET ${VERIFY_BULK_PATH}`]: getVerifyBulk,
	[`POST ${PHONE_SINGLE_PATH}`]: postPhoneSingle,
	[`GET ${PHONE_SINGLE_PATH}`]: getPhoneSingle,
	[`POST ${PHONE_BULK_PATH}`]: postPhoneBulk,
	[`GET ${PHONE_BULK_PATH}`]: getPhoneBulk,
	[`GET ${ACCOUNT_PATH}`]: getAccountInfo,
	[`POST ${VEC_PATH}`]: verifySingle,
};

/** Every path not listed is Enrow's (for rate limiting and attempt counting). */
export const isEnrowPath = (path: string) => path !== VEC_PATH;

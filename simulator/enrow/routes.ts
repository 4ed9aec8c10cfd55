/** The simulated Enrow endpoints, keyed 'METHOD /path'. */
import { ACCOUNT_PATH, getAccountInfo } from './account';
import type { EnrowRoute } from './common';
import {
	FIND_BULK_PATH,
	FIND_SINGLE_PATH,
	getFindBulk,
	getFindSingle,
	postFindBulk,
	postFindSingle,
} from './emailFinder';
import {
	VERIFY_BULK_PATH,
	VERIFY_SINGLE_PATH,
	getVerifyBulk,
	getVerifySingle,
	postVerifyBulk,
	postVerifySingle,
} from './emailVerifier';
import {
	PHONE_BULK_PATH,
	PHONE_SINGLE_PATH,
	getPhoneBulk,
	getPhoneSingle,
	postPhoneBulk,
	postPhoneSingle,
} from './phoneFinder';

export const ENROW_ROUTES: Record<string, EnrowRoute> = {
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
};

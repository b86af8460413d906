// Sample data for the account screens' tests (not used by the app).
export {
  beneficiary,
  demoAccount,
  expiredCertificate,
  expiringCertificate,
  noParameters,
  okCertificate,
  productionAccount,
} from '../../test/fixtures';

/** A File with the given text content (ASCII). */
export function textFile(content: string, name: string, type = 'application/octet-stream'): File {
  return new File([content], name, { type });
}

// Expected record for the real report shared as flattened text (经开区公安分局, 2021), transcribed by
// hand from the text itself: these numbers must not come from any code under test.
import type { Expected } from './expected.js';

const z = (): Record<string, number> => row(0, 0, 0, 0, 0, 0, 0);
function row(...v: number[]): Record<string, number> {
  const [naturalPerson, commercialEnterprise, researchInstitution, socialWelfareOrg, legalServiceOrg, otherOrg, total] = v;
  return { naturalPerson, commercialEnterprise, researchInstitution, socialWelfareOrg, legalServiceOrg, otherOrg, total };
}
const group0 = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };

export const SEED_EXPECTED: Expected = {
  file: 'seed-2021-flattened.txt',
  title: '经开区公安分局2021年政府信息公开工作年度报告',
  agency: '经开区公安分局',
  year: 2021,
  template: '2021',
  activeDisclosure: {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
    administrativeLicensing: { decisions: 3053 },
    administrativePunishment: { decisions: 105 },
    administrativeCoercion: { decisions: 0 },
    administrativeFees: { amountTenThousandYuan: 0.402 },
  },
  applications: {
    newReceived: row(2, 0, 0, 0, 0, 0, 2),
    carriedOver: z(),
    results: {
      granted: z(),
      partiallyGranted: z(),
      withheld: {
        stateSecret: z(), // printed 「1.属于国家机密」
        prohibitedByLaw: row(1, 0, 0, 0, 0, 0, 1),
        securityStability: z(),
        thirdPartyRights: z(),
        internalAffairs: z(),
        processInformation: z(),
        enforcementFiles: row(1, 0, 0, 0, 0, 0, 1),
        administrativeQuery: z(),
      },
      unableToProvide: { notHeld: z(), needsCreation: z(), unclearAfterCorrection: z() },
      notProcessed: { complaint: z(), duplicate: z(), publication: z(), excessive: z(), confirmation: z() },
      // Printed as 「（六）其他处理」 with its three 2021 sub-rows.
      otherHandling: { overdueCorrection: z(), overdueFee: z(), other: z() },
      total: row(2, 0, 0, 0, 0, 0, 2),
    },
    carriedForward: z(),
  },
  reviewLitigation: { review: group0, litigationDirect: group0, litigationAfterReview: group0 },
  failedChecks: [],
  sections: [
    { key: 'overview', heading: '一、总体情况' },
    { key: 'activeDisclosure', heading: '二、主动公开政府信息情况' },
    { key: 'applications', heading: '三、收到和处理政府信息公开申请情况' },
    { key: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况' },
    { key: 'problems', heading: '五、存在的主要问题及改进情况' },
    { key: 'otherMatters', heading: '六、其他需要报告事项' },
  ],
};

/** The document the audit and compare views open on when the URL names none: 69-KL/TW. */
export const KL69 = 'vn/tw/kl/69/2024';

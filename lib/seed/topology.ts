/** The demo topology (README.md "Demo topology"): three mailstores and the reference accounts. */
export const DEMO_MAILSTORES = ['mbox1.example.com', 'mbox2.example.com', 'mailstore1.example.com'] as const;

/** Accounts used by the product's documentation, all hosted on mbox1.example.com. */
export const REFERENCE_ACCOUNTS = [
  'john.doe@example.com', 'jane.doe@example.com', 'alice.doe@example.com', 'bob.doe@example.com',
  'user1@customer.tld', 'user2@customer.tld',
];
export const REFERENCE_HOST = 'mbox1.example.com';
export const DISTRIBUTION_LIST = 'staff@example.com';
export const GENERATED_DOMAIN = 'acme-corp.net';
export const LICENSED_ACCOUNTS = 1000;
export const ADMIN_EMAIL = 'admin@example.com';

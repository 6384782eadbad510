import { AccountView } from '@/components/accounts/account-view';
import { requireAdmin } from '../../_lib/require-admin';

export default async function AccountPage({ params }: { params: Promise<{ account: string }> }) {
  await requireAdmin();
  const { account } = await params;
  return <AccountView name={decodeURIComponent(account)} />;
}

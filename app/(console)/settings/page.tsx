import { BrokersCard } from '@/components/settings/brokers-card';
import { LicenseCard } from '@/components/settings/license-card';
import { MailstoresCard } from '@/components/settings/mailstores-card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Settings · Carbonio HA' };

export default async function SettingsPage() {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="the settings" />;
  return (
    <>
      <PageHeader title="Settings" description="Event streaming, licence, and the mailstores that take part." />
      <div className="grid gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3"><BrokersCard /></div>
        <div className="xl:col-span-2"><LicenseCard /></div>
        <div className="xl:col-span-5"><MailstoresCard /></div>
      </div>
    </>
  );
}

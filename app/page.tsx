export default function Home() {
  return <main className="p-8">Carbonio HA console</main>;
}

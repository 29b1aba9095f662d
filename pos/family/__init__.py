"""Family members (家属): a relative with their own sign-in on /me, by phone number and PIN, who books meals and
reads the balance of the residents staff linked them to, and of no one else."""

"""Who is signed in, kept server-side so a sign-in can be ended; and the limits on guessing passwords and PINs."""

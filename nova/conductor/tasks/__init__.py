"""Multi-step workflows the conductor runs."""

# install rules (filled below)

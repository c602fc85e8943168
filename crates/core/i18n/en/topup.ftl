# The top-up checklist: diagnosis, advice and questions.

donot-pay-again = pay again: money for this top-up is already out or on its way
donot-chargeback = start a chargeback: the provider or your bank can still put it right
